"""The recommender's rules.  Pure.

**Hard constraints** rule out a model (``model_exclusions``) or one way of running it
(``placement_exclusions``, ``budget_exclusion``), each with a ``Reason``: the sentence a person
reads, and the kind of constraint behind it.  **Soft rules** score a way of running a model
that survived: each returns a value from 0 to 1 and the reason, and ``rule_weights`` says how
much each counts for these requirements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..records import TIER_NAMES, Host, License, Model, Offering
from ..requirements import HOSTING_ORDER, Requirements
from ..results import Deployment, Quality, SelfHostPlan
from ..units import fmt_count, fmt_usd
from .quality import TIER_QUALITY, describe_point

EFFORT = {"per-token:vendor-api": 0.0, "per-token:private-cloud": 1.0, "rented-gpus": 2.0, "owned-gpus": 3.0}
"""Setup effort of each way to run a model, in rough units (an API key 0 ... owned GPUs 3)."""
EFFORT_ALLOWED = {"days": 0.5, "weeks": 1.5, "months": 3.0}
"""The effort each time to market leaves room for."""
EXPERTISE_EFFORT = {"none": 1.0, "some": 0.0, "strong": -1.0}
"""How much harder running GPUs is for a team, by its ML expertise."""
EFFORT_HARD_MARGIN = 1.0
"""Effort beyond the deadline's room by more than this cannot be done in time: the way to run
it is excluded (GPU servers in days for any team but a strong one; owned GPUs in weeks for a
team without ML engineers), not just scored down."""
TEAM_WORDS = {"none": "a team without ML engineers", "some": "your team", "strong": "a strong ML team"}
EFFORT_WORDS = {
    0.0: "an API key",
    1.0: "a managed service in your cloud account",
    2.0: "running GPU servers",
    3.0: "buying and running your own GPUs",
}


@dataclass(frozen=True, slots=True)
class Option:
    """One way to run a model: where, at what monthly cost, on which host or GPU plan."""

    deployment: Deployment
    cost: float | None
    host: Host | None
    plan: SelfHostPlan | None = None
    offering: Offering | None = None
    breakdown: dict[str, float] | None = None
    """What ``cost`` is made of (API, GPUs, power, staff)."""
    at_least: bool = False
    """``cost`` is a lower bound (self-hosting not sized because even the bound is over budget)."""


# ---------------------------------------------------------------------------------------------
# Hard constraints
# ---------------------------------------------------------------------------------------------


class Reason(str):
    """An exclusion reason: the sentence a person reads, and the kind of constraint behind it."""

    kind: str


def why(kind: str, text: str) -> Reason:
    reason = Reason(text)
    reason.kind = kind
    return reason


TIME_TO_MARKET_DAYS = {"days": 7, "weeks": 42, "months": 180}
"""How long each time to market gives before launch (contract 0.2)."""
USE_DAYS = 180
"""How long a model must then stay in service: six months of use after launch."""


def horizon(req: Requirements, today: dt.date) -> dt.date:
    """The last day a model must still be served: launch plus six months (contract 0.2)."""
    return today + dt.timedelta(days=TIME_TO_MARKET_DAYS[req.time_to_market] + USE_DAYS)


def model_exclusions(m: Model, lic: License, req: Requirements, today: dt.date | None = None) -> list[Reason]:
    """Reasons the model itself is ruled out, whatever way it would run."""
    out = []
    succ = f"; its successor is {m.lifecycle.successor}" if m.lifecycle.successor else ""
    if m.lifecycle.status == "retired":
        out.append(why("retired", f"retired on {m.lifecycle.date}{succ}"))
    elif today is not None and m.lifecycle.date is not None and m.lifecycle.date < horizon(req, today):
        out.append(
            why(
                "lifecycle",
                f"shuts down on {m.lifecycle.date}, before {horizon(req, today)} (your {req.time_to_market} to launch and six months of use){succ}",
            )
        )
    if m.lifecycle.preview and req.sensitivity in ("confidential", "regulated"):
        out.append(why("preview", f"a preview (pre-GA) model: not for {req.sensitivity} data"))
    if m.context < req.context:
        out.append(
            why("context window", f"context {fmt_count(m.context)} is below the {fmt_count(req.context)} you need")
        )
    missing = [x for x in req.modalities if x not in m.modalities]
    if missing:
        out.append(why("modalities", f"does not accept {', '.join(missing)} input"))
    if req.commercial and lic.commercial_use == "no":
        out.append(why("licence", f"its licence ({lic.name}) does not allow commercial use"))
    level = HOSTING_ORDER.index(req.hosting)
    if not m.open_weights and level >= HOSTING_ORDER.index("self-hosted"):
        out.append(why("hosting needs open weights", f"closed weights cannot run {hosting_words(req.hosting)}"))
    if not m.open_weights and req.customization == "full-control":
        out.append(why("customization", "full control needs the weights; this model's are closed"))
    if (
        not m.open_weights
        and req.customization == "fine-tuning"
        and m.fine_tuning != "api"
        and not any(o.fine_tuning for o in m.offerings)
    ):
        out.append(
            why(
                "customization",
                "no documented fine-tuning service" if m.fine_tuning is None else "its vendor offers no fine-tuning",
            )
        )
    if m.open_weights and m.params_b is None and level >= HOSTING_ORDER.index("self-hosted"):
        out.append(why("sizing", "parameter count unpublished, so it cannot be sized for self-hosting"))
    return out


def hosting_words(hosting: str) -> str:
    return {
        "self-hosted": "on infrastructure you operate",
        "on-prem": "on your own premises",
        "air-gapped": "on an air-gapped network",
    }.get(hosting, hosting)


ALLOWED_WAYS = {
    "anywhere": {"per-token:vendor-api", "per-token:private-cloud", "rented-gpus", "owned-gpus"},
    "private-cloud": {"per-token:private-cloud", "rented-gpus", "owned-gpus"},
    "self-hosted": {"rented-gpus", "owned-gpus"},
    "on-prem": {"owned-gpus"},
    "air-gapped": {"owned-gpus"},
}
"""Ways of running a model each hosting answer allows, from least to most restrictive."""


def way_of(d: Deployment) -> str:
    """The way a deployment runs, as ``EFFORT`` and ``ALLOWED_WAYS`` name it."""
    return f"per-token:{d.kind}" if d.mode == "per-token" else d.mode


def team_effort(way: str, req: Requirements) -> float:
    """The setup effort of a way to run for this team: running GPUs is harder without ML
    engineers and easier for a strong team; an API or a managed service is the same for all."""
    return EFFORT[way] + (0.0 if way.startswith("per-token") else EXPERTISE_EFFORT[req.expertise])


def live_in_time(way: str, req: Requirements) -> bool:
    """Whether the team can have this way to run live by the deadline (the hard rule)."""
    return team_effort(way, req) <= EFFORT_ALLOWED[req.time_to_market] + EFFORT_HARD_MARGIN


def feasible_ways(req: Requirements) -> set[str]:
    """The ways of running any model that the hosting answer allows and that the team can
    have live by the deadline (the model-independent part of ``placement_exclusions``)."""
    return {way for way in ALLOWED_WAYS[req.hosting] if live_in_time(way, req)}


def placement_exclusions(m: Model, opt: Option, req: Requirements) -> list[Reason]:
    """Reasons one way of running the model is ruled out, cost aside: hosting, data, control."""
    d = opt.deployment
    out: list[Reason] = []
    key = way_of(d)
    if key not in ALLOWED_WAYS[req.hosting]:
        what = {
            "per-token:vendor-api": f"{d.host} runs it outside your account",
            "per-token:private-cloud": f"{d.host} is a managed cloud service",
            "rented-gpus": "rented cloud GPUs are not on your premises",
        }[key]
        out.append(why("hosting", f"{what}; hosting must be {req.hosting}"))
    if d.mode == "per-token" and req.customization == "full-control":
        out.append(why("customization", f"{d.host} serves the base model; full control needs your own weights served"))
    elif (
        d.mode == "per-token" and req.customization == "fine-tuning" and not (opt.offering and opt.offering.fine_tuning)
    ):
        out.append(
            why(
                "customization",
                f"{d.host} sells no fine-tuning of this model"
                if opt.offering is not None and opt.offering.fine_tuning is False
                else f"{d.host} offers no fine-tuning of this model that we can confirm",
            )
        )
    if d.mode == "per-token" and opt.host is not None:
        out.extend(host_exclusions(opt.host, d.kind, req, opt.offering))
    if opt.offering is not None and opt.offering.preview and req.sensitivity in ("confidential", "regulated"):
        out.append(why("preview", f"{d.host} serves it as a preview (pre-GA): not for {req.sensitivity} data"))
    if not live_in_time(key, req):
        team = TEAM_WORDS[req.expertise]
        out.append(
            why(
                "time to market",
                f"{EFFORT_WORDS[EFFORT[key]]} cannot be live within {req.time_to_market} for {team}",
            )
        )
    return out


def budget_exclusion(opt: Option, req: Requirements) -> Reason | None:
    d = opt.deployment
    if opt.cost is None:
        return why("unknown price", f"{d.host}: price unknown, so the budget cannot be checked")
    if opt.at_least and opt.cost > req.budget:
        return why(
            "budget",
            f"{d.describe()}: at least {fmt_usd(opt.cost)}/month (the fewest GPUs that hold the weights, and the people to run them) is over the {fmt_usd(req.budget)} budget",
        )
    if opt.cost > req.budget:
        return why("budget", f"{d.describe()}: {fmt_usd(opt.cost)}/month is over the {fmt_usd(req.budget)} budget")
    return None


def option_exclusions(m: Model, opt: Option, req: Requirements) -> list[Reason]:
    """Every reason one way of running the model is ruled out."""
    budget = budget_exclusion(opt, req)
    return placement_exclusions(m, opt, req) + ([budget] if budget else [])


def retention(host: Host, offering: Offering | None) -> tuple[bool | None, int | None]:
    """(zero retention available, days kept by default) for this offering: its own terms where
    they differ from its host's (Claude Fable keeps traffic 30 days on every platform)."""
    zero = host.zero_retention
    days = host.retention_days
    if offering is not None:
        if offering.zero_retention is not None:
            zero = offering.zero_retention
        if offering.retention_days is not None:
            days = offering.retention_days
    return zero, days


REGIME_NAMES = {"hipaa": "HIPAA", "gdpr": "GDPR", "pci-dss": "PCI DSS", "fedramp": "FedRAMP"}
CLOUD_NAMES = {"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud", "any": "any cloud"}
REGION_REGIMES = {"eu": ("gdpr",), "us": ("hipaa",), "any": ("hipaa",)}
"""What regulated data is assumed to fall under when the user names no regime: the EU's GDPR
in the EU; in the US, or with no region given, HIPAA (the regime most regulated-data users of
this tool meet: health data)."""


def regimes(req: Requirements) -> tuple[str, ...]:
    """The compliance regimes every host that sees the data must meet: those given, or for
    regulated data with none given, what the region implies (``REGION_REGIMES``)."""
    if req.compliance:
        return req.compliance
    if req.sensitivity == "regulated":
        return REGION_REGIMES[req.region]
    return ()


def compliance_assumption(req: Requirements) -> str | None:
    """The assumption line for regulated data with no regime given, or None."""
    if req.compliance or req.sensitivity != "regulated":
        return None
    names = " and ".join(REGIME_NAMES[r] for r in REGION_REGIMES[req.region])
    where = "no region given" if req.region == "any" else f"region {req.region.upper()}"
    return f"regulated data with no --compliance given: assumed {names} ({where}); name the regimes with --compliance"


def _hipaa(host: Host) -> str | None:
    if host.certifications.hipaa_baa is True:
        return None
    if host.certifications.hipaa_baa is False:
        return "signs no HIPAA business associate agreement"
    return "no HIPAA business associate agreement we can confirm"


def _gdpr(host: Host) -> str | None:
    c = host.certifications
    if c.gdpr_dpa is not True:
        return "no GDPR data-processing agreement we can confirm"
    if "eu" not in host.regions and not c.gdpr_transfer:
        return "a DPA, but neither processing in the EU nor a documented transfer mechanism"
    return None


def _pci(host: Host) -> str | None:
    if host.certifications.pci_dss is True:
        return None
    return "no PCI DSS attestation covering this service we can confirm"


def _fedramp(host: Host) -> str | None:
    if host.certifications.fedramp:
        return None
    return "no FedRAMP authorisation for this service we can confirm"


COMPLIANCE_CHECKS: dict[str, Callable[[Host], str | None]] = {
    "hipaa": _hipaa,
    "gdpr": _gdpr,
    "pci-dss": _pci,
    "fedramp": _fedramp,
}
"""What each regime asks of a host that sees the data: None when it is met, else the gap."""


def host_exclusions(host: Host, kind: str, req: Requirements, offering: Offering | None = None) -> list[Reason]:
    out = []
    zero, days = retention(host, offering)
    s = req.sensitivity
    if s in ("internal", "confidential", "regulated") and host.trains_on_data is True:
        out.append(why("data sensitivity", f"{host.id} trains on customer data by default; not for {s} data"))
    if s in ("confidential", "regulated") and host.trains_on_data is None:
        out.append(
            why("data sensitivity", f"{host.id} does not say it keeps customer data out of training; not for {s} data")
        )
    for regime in regimes(req):
        gap = COMPLIANCE_CHECKS[regime](host)
        if gap:
            out.append(why("compliance", f"{host.id}: {gap}; {REGIME_NAMES[regime]} requires it"))
    if s in ("confidential", "regulated") and offering is not None and offering.zero_retention is False and days:
        out.append(
            why(
                "data sensitivity",
                f"{host.id} keeps this model's traffic {days} days even under zero-retention agreements; {s} data must not be kept",
            )
        )
    elif s == "regulated" and kind == "vendor-api" and zero is not True:
        out.append(
            why(
                "data sensitivity",
                f"{host.id} has no zero-retention option; regulated data must not be kept by a vendor",
            )
        )
    if kind == "private-cloud" and req.cloud != "any" and host.cloud is not None and host.cloud != req.cloud:
        out.append(
            why(
                "cloud",
                f"{host.id} is a managed service in {CLOUD_NAMES[host.cloud]}; your cloud is {CLOUD_NAMES[req.cloud]}",
            )
        )
    if req.region != "any" and req.region not in host.regions:
        out.append(why("region", f"{host.id} cannot pin processing to the {req.region.upper()}"))
    return out


# ---------------------------------------------------------------------------------------------
# Soft rules: each returns (value 0-1, reason)
# ---------------------------------------------------------------------------------------------

Rule = Callable[[Model, License, Option, Requirements, dt.date], tuple[float, str]]


def rule_capability(
    m: Model, lic: License, opt: Option, req: Requirements, today: dt.date, quality: Quality | None = None
) -> tuple[float, str]:
    """The measured quality for the task where a leaderboard measures it; else the tier's."""
    if quality is not None and quality.score is not None:
        points = "; ".join(describe_point(p) for p in quality.basis)
        return quality.score / 100.0, f"{points}: quality {quality.score:.0f} for {req.use_case}"
    tier = m.capability.tier
    return (
        TIER_QUALITY[tier] / 100.0,
        f"{TIER_NAMES[tier]} by its lab's placement (tier {tier} of 4), not measured by a leaderboard: counted at quality {TIER_QUALITY[tier]:.0f}",
    )


def rule_cost(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    cost = opt.cost or 0.0
    if req.budget <= 0:
        return (1.0 if cost == 0 else 0.0), f"{fmt_usd(cost)}/month"
    share = cost / req.budget
    return max(0.0, 1.0 - share), f"{fmt_usd(cost)}/month at {fmt_count(req.tokens)} tokens, {share:.0%} of the budget"


def rule_time_to_market(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    key = way_of(opt.deployment)
    base = EFFORT[key]
    effort = team_effort(key, req)
    allowed = EFFORT_ALLOWED[req.time_to_market]
    value = 1.0 if effort <= allowed else max(0.0, 1.0 - 0.35 * (effort - allowed))
    team = TEAM_WORDS[req.expertise]
    verdict = "fits" if value >= 1 else "is tight for"
    return value, f"{EFFORT_WORDS[base]} {verdict} a {req.time_to_market} deadline with {team}"


def rule_customization(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if req.customization == "none":
        return 1.0, "no customization needed"
    if m.open_weights and opt.deployment.mode != "per-token":
        return 1.0, "open weights: fine-tune and serve your own variant"
    if opt.offering is not None and opt.offering.fine_tuning:
        return 0.6, f"managed fine-tuning on {opt.deployment.host} (its methods and limits, not yours)"
    if m.fine_tuning == "api":
        return 0.6, "fine-tuning only through the vendor's service (limited control)"
    return 0.3, "little room to customize"


def rule_privacy(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    d = opt.deployment
    if d.mode == "owned-gpus":
        return 1.0, "data never leaves hardware you own"
    if d.mode == "rented-gpus":
        return 0.9, "data stays on servers you control"
    host = opt.host
    if d.kind == "private-cloud":
        return 0.85, f"runs inside your own cloud account ({host.name if host else d.host})"
    value = 0.4
    bits = []
    if host is not None:
        zero, days = retention(host, opt.offering)
        if host.trains_on_data is False:
            value += 0.2
            bits.append("no training on your data")
        if zero:
            value += 0.2
            bits.append("zero retention available")
        elif zero is False and opt.offering is not None and opt.offering.zero_retention is False:
            bits.append("no zero retention for this model")
        if days:
            bits.append(f"logs kept {days} days by default")
    return min(value, 0.8), f"sent to {d.host}: " + (", ".join(bits) or "vendor policy unclear")


def rule_use_case(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if req.use_case in m.strengths:
        return 1.0, f"{req.use_case} is one of its documented strengths"
    if req.use_case == "general":
        return 0.7, "general-purpose model"
    return 0.45, f"{req.use_case} is not among its documented strengths"


def rule_license(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if not req.commercial:
        return 1.0, f"{lic.name}: non-commercial use is fine"
    if lic.commercial_use == "yes" and not lic.conditions:
        return 1.0, f"{lic.name}: commercial use without conditions"
    if lic.commercial_use == "yes":
        return 0.85, f"{lic.name}: commercial use allowed, with conditions"
    return 0.6, f"{lic.name}: commercial use allowed only under conditions"


def rule_freshness(m: Model, lic: License, opt: Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if m.lifecycle.status == "deprecated":
        return 0.2, f"deprecated: shutdown on {m.lifecycle.date}"
    if m.released is None:
        return 0.5, "release date unpublished"
    months = (today - m.released).days / 30.4
    value = 1.0 if months <= 12 else 0.7 if months <= 24 else 0.4 if months <= 36 else 0.2
    return value, f"released {m.released} ({months:.0f} months ago)"


RULES: list[tuple[str, Rule]] = [
    ("capability", rule_capability),
    ("cost", rule_cost),
    ("time_to_market", rule_time_to_market),
    ("customization", rule_customization),
    ("privacy", rule_privacy),
    ("use_case", rule_use_case),
    ("license", rule_license),
    ("freshness", rule_freshness),
]


def rule_weights(req: Requirements) -> dict[str, float]:
    """How much each rule counts, from the answers (priority, sensitivity, customization)."""
    capability, cost = {"quality": (40, 10), "balanced": (30, 20), "cost": (15, 35)}[req.priority]
    return {
        "capability": capability,
        "cost": cost,
        "time_to_market": {"days": 20, "weeks": 15, "months": 8}[req.time_to_market],
        "customization": {"none": 0, "fine-tuning": 10, "full-control": 15}[req.customization],
        "privacy": {"public": 2, "internal": 6, "confidential": 12, "regulated": 16}[req.sensitivity],
        "use_case": 10,
        "license": 5,
        "freshness": 5,
    }


def score_raw(
    m: Model,
    lic: License,
    opt: Option,
    req: Requirements,
    today: dt.date,
    weights: dict[str, float],
    quality: Quality | None = None,
    fixed: dict[str, tuple[float, str]] | None = None,
) -> tuple[float, list[tuple[str, float, float, str]]]:
    """(score, [(rule, weight, value, reason)]): the arithmetic, without building objects.
    ``fixed``: the already computed (value, reason) of rules that read only the model."""
    rows: list[tuple[str, float, float, str]] = []
    for name, rule in RULES:
        w = weights[name]
        if w == 0:
            continue
        if fixed is not None and name in fixed:
            value, reason = fixed[name]
        elif name == "capability":
            value, reason = rule_capability(m, lic, opt, req, today, quality)
        else:
            value, reason = rule(m, lic, opt, req, today)
        rows.append((name, w, round(value, 3), reason))
    total = sum(r[1] for r in rows)
    score = 100.0 * sum(r[1] * r[2] for r in rows) / total
    return round(score, 1), rows
