"""Turning answers (flags, a profile file, interview replies) into ``Requirements``.

Pure apart from ``load_profile`` / ``save_profile``, which read and write one file.  Every
error names the flag (or profile key) to fix.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, get_args

from .errors import UsageError
from .files import write_atomic
from .models import (
    Customization,
    Expertise,
    Hosting,
    Modality,
    Priority,
    RequiredRegion,
    Requirements,
    Sensitivity,
    TimeToMarket,
    UseCase,
)
from .units import fmt_count, parse_count


def _choices(tp) -> tuple[str, ...]:
    return tuple(get_args(tp))


CHOICES: dict[str, tuple[str, ...]] = {
    "sensitivity": _choices(Sensitivity),
    "time_to_market": _choices(TimeToMarket),
    "hosting": _choices(Hosting),
    "customization": _choices(Customization),
    "expertise": _choices(Expertise),
    "priority": _choices(Priority),
    "region": _choices(RequiredRegion),
    "use_case": _choices(UseCase),
}
MODALITIES: tuple[str, ...] = _choices(Modality)
FIELDS = tuple(Requirements.model_fields)
REQUIRED = ("budget", "tokens")
"""Answers with no sensible default: without a terminal they must be given."""

DEFAULTS: dict[str, Any] = {
    name: f.default for name, f in Requirements.model_fields.items() if name not in REQUIRED
}


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def parse_value(name: str, value: Any, *, where: str | None = None) -> Any:
    """Check and convert one answer.  ``where`` names its origin for the error message."""
    label = where or flag(name)
    try:
        if name in CHOICES:
            text = str(value).strip().lower().replace("_", "-")
            if text not in CHOICES[name]:
                raise ValueError(f"must be one of {', '.join(CHOICES[name])} (got {value!r})")
            return text
        if name in ("tokens", "context"):
            n = parse_count(value, label)
            if name == "context" and n <= 0:
                raise ValueError(f"must be positive (got {value!r})")
            return n
        if name == "budget":
            if isinstance(value, bool):
                raise ValueError(f"must be a number of US dollars a month (got {value!r})")
            text = str(value).strip().lstrip("$").replace(",", "").replace("_", "")
            if isinstance(value, int | float):
                amount = float(value)
            else:
                amount = float(parse_count(text, label)) if text[-1:].lower() in "km" else float(text)
            if amount != amount or amount < 0 or amount in (float("inf"),):
                raise ValueError(f"must be a non-negative number of US dollars a month (got {value!r})")
            return amount
        if name == "output_share":
            if isinstance(value, bool):
                raise ValueError(f"must be a number from 0 to 1 (got {value!r})")
            share = float(str(value).strip().rstrip("%")) / (100 if str(value).strip().endswith("%") else 1)
            if not 0 <= share <= 1:
                raise ValueError(f"must be from 0 to 1, e.g. 0.25 (got {value!r})")
            return share
        if name == "modalities":
            items = value if isinstance(value, list | tuple) else str(value).split(",")
            out = []
            for item in items:
                m = str(item).strip().lower()
                if not m:
                    continue
                if m not in MODALITIES:
                    raise ValueError(f"must list {', '.join(MODALITIES)} (got {item!r})")
                out.append(m)
            if not out:
                raise ValueError("must name at least one input, e.g. text")
            return tuple(dict.fromkeys(out))
        if name == "commercial":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "yes", "y", "1"):
                return True
            if text in ("false", "no", "n", "0"):
                return False
            raise ValueError(f"must be true or false (got {value!r})")
    except ValueError as exc:
        msg = str(exc)
        if msg.startswith(label):
            raise UsageError(msg) from None
        raise UsageError(f"{label} {msg}") from None
    raise UsageError(f"unknown answer {name!r}")


def build(answers: dict[str, Any]) -> Requirements:
    """Requirements from checked answers (missing optional ones take their defaults)."""
    missing = [n for n in REQUIRED if n not in answers]
    if missing:
        raise UsageError(
            f"missing {' and '.join(flag(n) for n in missing)}: pass "
            + " ".join(f"{flag(n)} VALUE" for n in missing)
            + " (or --profile FILE, or run on a terminal to be asked)"
        )
    return Requirements(**answers)


def defaulted(answers: dict[str, Any]) -> list[str]:
    """Assumption lines for every answer that took its default."""
    out = []
    for name, default in DEFAULTS.items():
        if name not in answers:
            shown = ", ".join(default) if isinstance(default, tuple) else fmt_count(default) if name == "context" else str(default).lower()
            out.append(f"{name.replace('_', ' ')} not given: assumed {shown} ({flag(name)} to change)")
    return out


# ---------------------------------------------------------------------------------------------
# Profile files
# ---------------------------------------------------------------------------------------------

DOC_TABLES = ("scenario", "expect")
"""Tables a profile may carry for people (story, expectations); the advisor ignores them."""


def load_profile(path: Path) -> dict[str, Any]:
    """Answers from a TOML profile: top-level keys, or a [requirements] table."""
    label = f"--profile {path}"
    try:
        if path.is_dir():
            raise UsageError(f"{label}: is a directory; give a TOML file")
        raw = path.read_bytes()
    except UsageError:
        raise
    except FileNotFoundError:
        raise UsageError(f"{label}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{label}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError(f"{label}: not UTF-8 text; a profile is a TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{label}: TOML syntax error: {exc}") from None
    if isinstance(data.get("requirements"), dict):
        extra = [k for k in data if k not in ("requirements", *DOC_TABLES)]
        if extra:
            raise UsageError(f"{path}: unknown key {extra[0]!r} beside [requirements]")
        data = data["requirements"]
    else:
        data = {k: v for k, v in data.items() if k not in DOC_TABLES or not isinstance(v, dict)}
    if not data:
        raise UsageError(f"{label}: no answers in the file (keys: {', '.join(FIELDS)})")
    answers = {}
    for key, value in data.items():
        if key not in FIELDS:
            import difflib

            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(FIELDS)}"
            raise UsageError(f"{path}: unknown key {key!r}{hint}")
        answers[key] = parse_value(key, value, where=f"{path}: {key}")
    return answers


def profile_dict(req: Requirements) -> dict[str, Any]:
    data = req.model_dump(mode="json")
    data["modalities"] = list(req.modalities)
    if float(data["budget"]).is_integer():
        data["budget"] = int(data["budget"])
    return data


def save_profile(req: Requirements, path: Path) -> None:
    """Write the answers as TOML atomically: a temporary file in the same folder, renamed."""
    import tomli_w

    label = f"--save-profile {path}"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{label}: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"{label}: is a directory")
    body = "# llm-advisor profile: use with `llm-advisor recommend --profile FILE`\n" + tomli_w.dumps(profile_dict(req))
    try:
        write_atomic(folder / path.name, body)
    except OSError as exc:
        raise UsageError(f"{label}: cannot write: {exc.strerror or exc}") from None
