"""Settings read from the environment that even the cheapest paths (shell completion) need."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir_from_env() -> Path | None:
    """``$LLM_ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/llm-advisor``, else
    ``~/.cache/llm-advisor``; None when ``LLM_ADVISOR_NO_CACHE`` is set."""
    if os.environ.get("LLM_ADVISOR_NO_CACHE"):
        return None
    if os.environ.get("LLM_ADVISOR_CACHE_DIR"):
        return Path(os.environ["LLM_ADVISOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "llm-advisor"
