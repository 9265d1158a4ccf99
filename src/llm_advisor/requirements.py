"""What the team needs (``Requirements``) and what the cost model assumes (``CostAssumptions``):
the types, their choices and defaults, and turning an answer (a flag, a profile value, an
interview reply) into a checked value.  Pure: no I/O.

Both types check their values when built, so a library user gets an ``InvalidAnswer`` naming
the field, as the command line does; the command line words it with the flag.
"""

from __future__ import annotations

import math
import re
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
Cloud = Literal["any", "aws", "azure", "gcp"]
Regime = Literal["hipaa", "gdpr", "pci-dss", "fedramp"]
Quantization = Literal["native", "fp16", "fp8", "int8", "int4"]

MAX_BUDGET = 1e12
"""The largest monthly budget an answer may give, USD (flags, profiles and the interview)."""
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
    "cloud": get_args(Cloud),
    "use_case": get_args(UseCase),
}
"""The allowed values of every choice answer, in the order they are offered."""
MODALITIES: tuple[str, ...] = get_args(Modality)
REGIMES: tuple[str, ...] = get_args(Regime)
ALIASES: dict[str, dict[str, str]] = {
    "region": {
        "usa": "us",
        "u.s.": "us",
        "u.s.a.": "us",
        "united states": "us",
        "america": "us",
        "europe": "eu",
        "eea": "eu",
        "european union": "eu",
        "anywhere": "any",
        "none": "any",
        "no": "any",
    },
    "cloud": {
        "amazon": "aws",
        "amazon web services": "aws",
        "bedrock": "aws",
        "microsoft": "azure",
        "microsoft azure": "azure",
        "google": "gcp",
        "google cloud": "gcp",
        "google cloud platform": "gcp",
        "vertex": "gcp",
        "none": "any",
        "no": "any",
        "anywhere": "any",
    },
    "compliance": {"pci": "pci-dss", "pcidss": "pci-dss", "pci dss": "pci-dss", "fed-ramp": "fedramp"},
}
"""Other words people use for a choice ('USA', 'Amazon'), to the choice they mean."""
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
    cloud: Cloud = "any"
    """The cloud account the team already has: managed services inside a customer's account
    are offered only in that cloud."""
    compliance: tuple[Regime, ...] = ()
    """Regimes the data falls under (HIPAA, GDPR, PCI DSS, FedRAMP): every host that sees the
    data must meet each one."""

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
            in_region=self.region != "any",
            fine_tuned=self.customization == "fine-tuning",
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
    in_region: bool = False
    """Processing must stay in one region: a global (cross-region) price is replaced by its
    in-region price (``regional_uplift``) where the offering states one."""
    prompt_tokens: int | None = None
    """Tokens of a typical prompt, for long-context price tiers (None: below every tier)."""
    fine_tuned: bool = False
    """The tokens go to a fine-tuned variant: priced at fine-tuned rates where stated."""

    def __post_init__(self) -> None:
        for name in ("tokens", "output_share", "batch_share", "cache_share"):
            object.__setattr__(self, name, parse_value(name, getattr(self, name)))
        for name in ("audio", "in_region", "fine_tuned"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidAnswer(name, getattr(self, name), f"must be true or false (got {getattr(self, name)!r})")
        if self.prompt_tokens is not None and (
            isinstance(self.prompt_tokens, bool) or not isinstance(self.prompt_tokens, int) or self.prompt_tokens < 0
        ):
            raise InvalidAnswer("prompt_tokens", self.prompt_tokens, "must be a whole number of tokens")

    def at(self, tokens: int) -> Workload:
        """The same mix at another volume."""
        return replace(self, tokens=tokens)


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Requirements))
REQUIRED = ("budget", "tokens")
"""Answers with no sensible default: without a terminal they must be given."""

DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Requirements) if f.name not in REQUIRED}


_BUDGET_WORDS = re.compile(r"^\s*(?:us\s*)?\$|\b(?:us\s*)?(?:usd|dollars?)\b|\s*(?:a|per|/)\s*(?:month|mo)\b|[,_]")


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
        text = ALIASES.get(name, {}).get(text, text)
        if text not in CHOICES[name]:
            raise ValueError(f"must be one of {', '.join(CHOICES[name])} (got {value!r})")
        return text
    if name in ("tokens", "context"):
        n = parse_count(value)
        if name == "context" and n <= 0:
            raise ValueError(f"must be positive (got {value!r})")
        return n
    if name == "budget":
        given: Any = value if isinstance(value, int | float) else _BUDGET_WORDS.sub("", str(value).lower()).strip()
        if isinstance(given, str) and given[-1:].isalpha():
            try:
                amount = float(parse_count(given))
            except ValueError:
                raise ValueError(
                    f"must be a number of US dollars a month, like 2000 or $1.5k (got {value!r})"
                ) from None
        else:
            amount = _number(given, "a number of US dollars a month, like 2000")
        if amount < 0:
            raise ValueError(f"must be a non-negative number of US dollars a month (got {value!r})")
        if amount > MAX_BUDGET:
            raise ValueError(f"is too large (got {value!r}; at most {MAX_BUDGET:.0e} US dollars a month)")
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
    if name == "compliance":
        items = value if isinstance(value, list | tuple) else str(value).replace(" and ", ",").split(",")
        regimes = []
        for item in items:
            r = str(item).strip().lower().replace("_", "-")
            r = ALIASES["compliance"].get(r, r)
            if not r or r == "none":
                continue
            if r not in REGIMES:
                raise ValueError(f"must list {', '.join(REGIMES)} (got {item!r})")
            regimes.append(r)
        return tuple(sorted(dict.fromkeys(regimes), key=REGIMES.index))
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
                (", ".join(default) or "none")
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
    "kv_bytes": (0.125, 16, False),
    "stream_speed": (0.01, 100_000, False),
    "max_batch": (1, 1_000_000, True),
    "utilisation": (0.001, 1, False),
    "max_gpus": (1, 65_536, True),
    "amortisation_months": (1, 1_200, True),
    "power_usd_per_kwh": (0, 100, False),
    "cooling_overhead": (1, 10, False),
    "server_usd": (0, 100_000_000, False),
    "server_power_w": (0, 10_000_000, False),
    "fte_usd": (0, 100_000_000, False),
    "ops_fte": (0, 1_000, False),
    "ops_fte_per_server": (0, 1_000, False),
    "hardware_fte_per_server": (0, 1_000, False),
}
"""Each number's sanity bounds (low, high, whole number), far beyond real values, so that no
assumption can push a cost or a throughput to infinity or zero (and JSON to ``Infinity``)."""

REQUEST_TOKENS = 4_096
"""Tokens an average request holds (prompt and output) unless told otherwise."""

STAFF_FACTOR: dict[str, float] = {"strong": 1.0, "some": 1.5, "none": 2.0}
"""How much more operations time a team needs than a strong one: learning, mistakes,
contractors.  A judgement, printed with every result that uses it."""


@record
class CostAssumptions:
    """Every number the cost model assumes; each can be changed from the command line.  The
    serving engine's calibrated efficiencies are not here: they live, with their calibration,
    in ``core.serving.ENGINE``."""

    quantization: Quantization = "native"
    """Weight precision for self-hosting: 'native' (as the weights are published: MXFP4 for
    gpt-oss, FP8 for DeepSeek, BF16 for most) or one to quantize to."""
    context: int = REQUEST_TOKENS
    """Tokens an average request holds at its end (prompt and output): its KV cache and its
    prefill.  A model's context window is what it can take; this is what the traffic sends."""
    kv_bytes: float = 2.0
    """Bytes per KV-cache element (2 = 16-bit, 1 = FP8)."""
    stream_speed: float = 30.0
    """Output tokens per second each interactive stream must see (a chat reads comfortably at
    this; batch work has no target)."""
    max_batch: int = 256
    """Most sequences a replica decodes at once (vLLM's default --max-num-seqs)."""
    utilisation: float = 0.5
    """Average load over the month as a share of peak capacity (traffic is not flat)."""
    max_gpus: int = 32
    """Most GPUs one replica may span: four 8-GPU servers."""
    hours_per_month: int = 730
    """Hours a GPU is billed, or runs, in a month."""
    amortisation_months: int = 60
    """Months over which owned GPUs and servers are written off (Amazon's useful life for AI
    servers since 2025; Microsoft and Alphabet use six years)."""
    power_usd_per_kwh: float = 0.146
    """Electricity price for owned hardware (EIA: US commercial average, 2026)."""
    cooling_overhead: float = 1.54
    """Power usage effectiveness: total facility power per watt of IT power (Uptime
    Institute's 2025 survey average)."""
    server_usd: float = 60_000.0
    """Price of a server for eight GPUs without the GPUs (chassis, CPUs, memory, network,
    storage), where the catalogue has none for the GPU: an assumption, not a published price
    (the catalogue derives one from a whole system's price where it has one)."""
    server_power_w: float = 3_000.0
    """Power a server draws besides its GPUs (CPUs, memory, fans, network), where the
    catalogue has no whole-server figure."""
    staff: bool = True
    """Count people's time to run a self-hosted deployment in its cost."""
    fte_usd: float = 190_000.0
    """Yearly cost of one engineer who runs it: BLS's May 2024 median wage of software
    developers ($133,080) over the share wages are of employers' costs (70.2%, BLS ECEC June
    2025)."""
    production: bool = True
    """The model serves a product others rely on (a commercial service): it needs on-call,
    upgrades and evaluation, ``ops_fte``.  Research use does not."""
    ops_fte: float = 0.25
    """Share of an engineer a production self-hosted deployment takes for a strong team
    (on-call, upgrades, evaluation, security patches), before its servers: a judgement."""
    ops_fte_per_server: float = 0.05
    """Share of an engineer each server adds, a part of a server its part (with the next,
    about the 12 people per 128 servers a vendor puts on running a do-it-yourself GPU cloud)."""
    hardware_fte_per_server: float = 0.05
    """Share of an engineer each owned server adds (installation, repairs, spares, the data
    centre)."""
    expertise: Expertise = "some"
    """The team's skill: scales the operations time (``STAFF_FACTOR``)."""

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
        for name in ("staff", "production"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidAnswer(name, getattr(self, name), f"must be true or false (got {getattr(self, name)!r})")
        if self.expertise not in STAFF_FACTOR:
            raise InvalidAnswer(
                "expertise", self.expertise, f"must be one of {', '.join(STAFF_FACTOR)} (got {self.expertise!r})"
            )
