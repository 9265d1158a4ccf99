"""llm-advisor: explained advice on open-weight versus closed LLMs.

Library use::

    from llm_advisor import load_catalog, recommend, Requirements
    advice = recommend(load_catalog(), Requirements(budget=2000, tokens=50_000_000), today=date.today())
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Requirements", "__version__", "load_catalog", "recommend"]


def __getattr__(name: str):
    # Lazy: `llm-advisor --version` and the CLI's start-up should not import pydantic models.
    if name == "load_catalog":
        from .catalog import load_catalog

        return load_catalog
    if name == "recommend":
        from .core.recommend import recommend

        return recommend
    if name == "Requirements":
        from .requirements import Requirements

        return Requirements
    raise AttributeError(name)
