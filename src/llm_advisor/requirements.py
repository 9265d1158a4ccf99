"""What the team needs (``Requirements``) and what the cost model assumes (``CostAssumptions``):
the types, their choices and defaults, and turning an answer (a flag, a profile value, an
interview reply) into a checked value.  Pure: no I/O.

Both types check their values when built, so a library user gets an ``InvalidAnswer`` naming
the field, as the command line does; the command line words it with the flag.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from typing import Any, Literal, get_args

from .base import record
from .errors import InvalidAnswer, MissingAnswers
from .records import MAX_CONTEXT, Modality, UseCase
from .units import fmt_count, parse_count

Sensitivity = Literal["public", "internal", "confidential", "regulated"]
TimeToMarket = Literal["days", "weeks", "months"]
Hosting = Literal["anywhere", "private-cloud", "self-hosted", "on-prem", "air-gapped"]
Customization = Literal["none", "fine-tuning", "full-control"]
Expertise = Literal["none", "some", "strong"]
Priority = Literal["quality", "balanced", "cost"]
RequiredRegion = Literal["any", "eu", "us"]
Quantization = Literal["fp16", "fp8", "int8", "int4"]

HOSTING_ORDER: tuple[str, ...] = ("anywhere", "private-cloud", "self-hosted", "on-prem", "air-gapped")
"""Hosting choices from least to most restrictive."""

CHOICES: dict[str, tuple[str, ...]] = {
    "sensitivity": get_args(Sensitivity),
    "time_to_market": get_args(TimeToMarket),
    "hosting": get_args(Hosting),
    "customization": get_args(Customization),
    "expertise": get_args(Expertise),
    "priority": get_args(Priority),
    "region": get_args(RequiredRegion),
    "use_case": get_args(UseCase),
}
"""The allowed values of every choice answer, in the order they are offered."""
MODALITIES: tuple[str, ...] = get_args(Modality)
QUANTIZATIONS: tuple[str, ...] = get_args(Quantization)


@record
class Requirements:
    """What the team needs: every interview answer, with defaults where one is sensible."""

    budget: float
    """All-in monthly spend the team can carry, USD."""
    tokens: int
    """Expected monthly volume, input plus output tokens."""
    output_share: float = 0.25
    """Share of tokens that is output."""
    sensitivity: Sensitivity = "internal"
    """How sensitive the data sent to the model is."""
    time_to_market: TimeToMarket = "weeks"
    """How soon it must be in production."""
    hosting: Hosting = "anywhere"
    """The most restrictive place the model may run."""
    customization: Customization = "none"
    """How far the model must be adapted."""
    expertise: Expertise = "some"
    """The team's ML and infrastructure skill."""
    priority: Priority = "balanced"
    """What matters most once the constraints are met."""
    context: int = 8_000
    """Minimum context window in tokens."""
    modalities: tuple[Modality, ...] = ("text",)
    """Inputs the model must accept."""
    commercial: bool = True
    """The product is commercial (the licence must allow it)."""
    region: RequiredRegion = "any"
    """Where data must be processed."""
    use_case: UseCase = "general"
    """Main task."""
    batch_share: float = 0.0
    """Share of the tokens that can wait for a batch API (hours, not seconds)."""
    cache_share: float = 0.0
    """Share of the input tokens that repeat a cached prompt prefix."""

    def __post_init__(self) -> None:
        for f in fields(self):
            checked = parse_value(f.name, getattr(self, f.name))
            object.__setattr__(self, f.name, checked)  # normalised: 2000 -> 2000.0, a list -> a tuple

    def workload(self) -> Workload:
        """The volume and mix of tokens to price."""
        return Workload(
            tokens=self.tokens,
            output_share=self.output_share,
            batch_share=self.batch_share,
            cache_share=self.cache_share,
            audio="audio" in self.modalities,
        )


@record
class Workload:
    """The tokens a month to price and their mix: how much is output, how much can wait for a
    batch API, how much input repeats a cached prefix, and whether the input is audio."""

    tokens: int
    """Input plus output tokens a month."""
    output_share: float = 0.25
    """Share of the tokens that is output."""
    batch_share: float = 0.0
    """Share of the tokens (input and output alike) sent through a batch API where one is sold."""
    cache_share: float = 0.0
    """Share of the input tokens read from a cached prompt prefix where caching is sold."""
    audio: bool = False
    """The input is audio: priced at the audio input price where an offering has one."""

    def __post_init__(self) -> None:
        for name in ("tokens", "output_share", "batch_share", "cache_share"):
            object.__setattr__(self, name, parse_value(name, getattr(self, name)))
        if not isinstance(self.audio, bool):
            raise InvalidAnswer("audio", self.audio, f"must be true or false (got {self.audio!r})")

    def at(self, tokens: int) -> Workload:
        """The same mix at another volume."""
        return replace(self, tokens=tokens)


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Requirements))
REQUIRED = ("budget", "tokens")
"""Answers with no sensible default: without a terminal they must be given."""

DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Requirements) if f.name not in REQUIRED}


def _number(value: Any, what: str) -> float:
    """A finite number from a number or its text; ValueError saying what it must be."""
    if isinstance(value, bool):
        raise ValueError(f"must be {what} (got {value!r})")
    if isinstance(value, int | float):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace("_", ""))
        except ValueError:
            raise ValueError(f"must be {what} (got {value!r})") from None
    if not math.isfinite(number):
        raise ValueError(f"must be {what} (got {value!r})")
    return number


def parse_value(name: str, value: Any) -> Any:
    """Check and convert one answer: ``'50M'`` -> 50_000_000, ``'Regulated'`` -> ``'regulated'``.
    Raises ``InvalidAnswer`` naming the field, with the reason in plain words."""
    try:
        return _parse(name, value)
    except ValueError as exc:
        raise InvalidAnswer(name, value, str(exc)) from None


def _parse(name: str, value: Any) -> Any:
    if name in CHOICES:
        text = str(value).strip().lower().replace("_", "-")
        if text not in CHOICES[name]:
            raise ValueError(f"must be one of {', '.join(CHOICES[name])} (got {value!r})")
        return text
    if name in ("tokens", "context"):
        n = parse_count(value)
        if name == "context" and n <= 0:
            raise ValueError(f"must be positive (got {value!r})")
        return n
    if name == "budget":
        given: Any = (
            value
            if isinstance(value, int | float)
            else str(value).strip().lstrip("$").replace(",", "").replace("_", "")
        )
        if isinstance(given, str) and given[-1:].lower() in ("k", "m"):
            amount = float(parse_count(given))
        else:
            amount = _number(given, "a number of US dollars a month, like 2000")
        if amount < 0:
            raise ValueError(f"must be a non-negative number of US dollars a month (got {value!r})")
        return amount
    if name in ("output_share", "batch_share", "cache_share"):
        text = str(value).strip()
        percent = not isinstance(value, int | float) and text.endswith("%")
        share = _number(text.rstrip("%") if percent else value, "a number from 0 to 1, e.g. 0.25") / (
            100 if percent else 1
        )
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
    raise ValueError(f"is not a requirement (known: {', '.join(FIELDS)})")


def build(answers: dict[str, Any]) -> Requirements:
    """Requirements from checked answers (missing optional ones take their defaults); raises
    ``MissingAnswers`` naming the required answers not given."""
    missing = [n for n in REQUIRED if n not in answers]
    if missing:
        raise MissingAnswers(missing)
    return Requirements(**answers)


def defaulted(answers: dict[str, Any], flag: Any = None) -> list[str]:
    """Assumption lines for every answer that took its default; ``flag(name)`` names how to
    change one (the command line passes its flag names)."""
    out = []
    for name, default in DEFAULTS.items():
        if name not in answers:
            shown = (
                ", ".join(default)
                if isinstance(default, tuple)
                else fmt_count(default)
                if name == "context"
                else str(default).lower()
            )
            how = f" ({flag(name)} to change)" if flag else ""
            out.append(f"{name.replace('_', ' ')} not given: assumed {shown}{how}")
    return out


# ---------------------------------------------------------------------------------------------
# What the cost model assumes
# ---------------------------------------------------------------------------------------------

ASSUMPTION_BOUNDS: dict[str, tuple[float, float, bool]] = {
    "context": (1, MAX_CONTEXT, True),
    "concurrency": (1, 1_000_000, True),
    "kv_bytes": (0.125, 16, False),
    "runtime_overhead": (1, 100, False),
    "memory_bandwidth_utilisation": (0.001, 1, False),
    "compute_utilisation": (0.001, 1, False),
    "utilisation": (0.001, 1, False),
    "amortisation_months": (1, 1_200, True),
    "power_usd_per_kwh": (0, 100, False),
    "cooling_overhead": (1, 10, False),
    "max_gpus_per_replica": (1, 65_536, True),
}
"""Each number's sanity bounds (low, high, whole number), far beyond real values, so that no
assumption can push a cost or a throughput to infinity or zero (and JSON to ``Infinity``)."""


@record
class CostAssumptions:
    """Every number the cost model assumes; each can be changed from the command line."""

    quantization: Quantization = "fp16"
    """Weight precision for self-hosting."""
    context: int = 8_192
    """Tokens of context each concurrent sequence holds in the KV cache."""
    concurrency: int = 8
    """Sequences decoded at once per replica (batch size)."""
    kv_bytes: float = 2.0
    """Bytes per KV-cache element (2 = FP16)."""
    runtime_overhead: float = 1.2
    """Memory factor for activations, CUDA graphs and fragmentation."""
    memory_bandwidth_utilisation: float = 0.6
    """Share of peak memory bandwidth a decode step achieves."""
    compute_utilisation: float = 0.4
    """Share of peak FP16 compute prefill achieves."""
    utilisation: float = 0.5
    """Average load over the month as a share of peak capacity (traffic is not flat)."""
    amortisation_months: int = 36
    """Months over which owned GPUs are written off."""
    power_usd_per_kwh: float = 0.15
    """Electricity price for owned hardware."""
    cooling_overhead: float = 1.4
    """Power usage effectiveness: total facility power per watt of GPU power."""
    max_gpus_per_replica: int = 8
    """Largest tensor-parallel group considered: one 8-GPU server."""
    hours_per_month: int = 730
    """Hours a GPU is billed, or runs, in a month."""

    def __post_init__(self) -> None:
        if self.quantization not in QUANTIZATIONS:
            raise InvalidAnswer(
                "quantization",
                self.quantization,
                f"must be one of {', '.join(QUANTIZATIONS)} (got {self.quantization!r})",
            )
        for name, (low, high, whole) in ASSUMPTION_BOUNDS.items():
            value = getattr(self, name)
            kind = "a whole number" if whole else "a number"
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (whole and not float(value).is_integer())
            ):
                raise InvalidAnswer(name, value, f"must be {kind} (got {value!r})")
            if not (math.isfinite(value) and low <= value <= high):
                raise InvalidAnswer(name, value, f"must be from {low:g} to {high:g} (got {value!r})")
            object.__setattr__(self, name, int(value) if whole else float(value))
