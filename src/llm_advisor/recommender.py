"""The rule-based recommender.  Pure: catalogue + requirements (+ today) in, advice out.

Each model is offered every way it can run (its per-token offerings, self-hosting on rented
GPUs, self-hosting on owned GPUs).  **Hard constraints** remove a model or one of its ways to
run, each with a reason a person understands.  The surviving ways are scored by small named
**soft rules** (each a weight, a value from 0 to 1 and a reason); a model's score is its best
way's weighted mean, 0 to 100.  Ties break by model id, so the output never changes between
runs.  The verdict compares the best open-weight and the best closed option.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .audit import stale_note
from .catalog import Catalog
from .costs import CostAssumptions, SelfHostPlan, blended_price, break_even_tokens, plan_self_hosting_modes, sizing_key, token_cost
from .models import HOSTING_ORDER, MAX_CONTEXT, TIER_NAMES, Host, License, Model, Offering, Requirements
from .units import fmt_count, fmt_price, fmt_usd

VERDICT_MARGIN = 8.0
MOVE_FACTOR = 3
"""A closed lead becomes 'hybrid' when self-hosting an open option pays off within this
multiple of the stated volume: start on the API, move to open weights as volume grows."""
"""Score points by which one side must lead for a clear open or closed verdict."""

EFFORT = {"per-token:vendor-api": 0.0, "per-token:private-cloud": 1.0, "rented-gpus": 2.0, "owned-gpus": 3.0}
EFFORT_ALLOWED = {"days": 0.5, "weeks": 1.5, "months": 3.0}
EFFORT_WORDS = {0.0: "an API key", 1.0: "a managed service in your cloud account", 2.0: "running GPU servers", 3.0: "buying and running your own GPUs"}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)


class Deployment(Frozen):
    """How a recommended model would run."""

    host: str
    kind: Literal["vendor-api", "private-cloud", "self-hosted"]
    mode: Literal["per-token", "rented-gpus", "owned-gpus"]
    gpu: str | None = None
    gpus: int | None = None

    def describe(self, hosts: dict[str, Host] | None = None) -> str:
        return _describe(self)


def _describe(d: Deployment | _Place) -> str:
    if d.mode == "per-token":
        return f"{d.host} ({d.kind})"
    where = "rented" if d.mode == "rented-gpus" else "owned"
    return f"self-hosted on {d.gpus}x {d.gpu} ({where})"


class RuleResult(Frozen):
    """One soft rule's verdict on one option."""

    rule: str
    weight: float
    value: float
    points: float
    reason: str


class Recommendation(Frozen):
    model: str
    name: str
    lab: str
    open_weights: bool
    score: float
    deployment: Deployment
    monthly_cost_usd: float | None
    context: int
    license: dict
    reasons: list[str]
    caveats: list[str]
    trace: list[RuleResult]
    break_even_tokens: int | None = None


class Exclusion(Frozen):
    model: str
    reasons: list[str]
    constraints: list[str] = []
    """The kinds of hard constraint behind the reasons (budget, hosting, context window, ...)."""


class Advice(Frozen):
    today: dt.date
    """The day the advice is for: prices, life cycles and staleness as of then."""
    requirements: Requirements
    verdict: Literal["open", "closed", "hybrid", "none"]
    summary: str
    open: list[Recommendation]
    closed: list[Recommendation]
    excluded: list[Exclusion]
    assumptions: list[str]


@dataclass(frozen=True, slots=True)
class _Place:
    """A ``Deployment`` inside the ranking loop, which makes tens of thousands of them on a
    large catalogue: the same fields as a plain dataclass, turned into a ``Deployment`` only
    for the options that are shown."""

    host: str
    kind: str
    mode: str
    gpu: str | None = None
    gpus: int | None = None

    def describe(self) -> str:
        return _describe(self)

    def public(self) -> Deployment:
        return Deployment(host=self.host, kind=self.kind, mode=self.mode, gpu=self.gpu, gpus=self.gpus)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Option:
    """One way to run a model (internal; built thousands of times, so a plain dataclass)."""

    deployment: _Place
    cost: float | None
    host: Host | None
    plan: SelfHostPlan | None = None
    offering: Offering | None = None


# ---------------------------------------------------------------------------------------------
# Hard constraints
# ---------------------------------------------------------------------------------------------


class Reason(str):
    """An exclusion reason: the sentence a person reads, and the kind of constraint behind it."""

    kind: str


def _why(kind: str, text: str) -> Reason:
    reason = Reason(text)
    reason.kind = kind
    return reason


def _exclusion(model_id: str, reasons: list[Reason]) -> Exclusion:
    # One per excluded model, so built without re-validating values made here (tests validate them).
    return Exclusion.model_construct(model=model_id, reasons=[str(r) for r in reasons], constraints=sorted({r.kind for r in reasons}))


def _model_exclusions(m: Model, lic: License, req: Requirements) -> list[Reason]:
    """Reasons the model itself is ruled out, whatever way it would run."""
    out = []
    if m.lifecycle.status == "retired":
        succ = f"; its successor is {m.lifecycle.successor}" if m.lifecycle.successor else ""
        out.append(_why("retired", f"retired on {m.lifecycle.date}{succ}"))
    if m.context < req.context:
        out.append(_why("context window", f"context {fmt_count(m.context)} is below the {fmt_count(req.context)} you need"))
    missing = [x for x in req.modalities if x not in m.modalities]
    if missing:
        out.append(_why("modalities", f"does not accept {', '.join(missing)} input"))
    if req.commercial and lic.commercial_use == "no":
        out.append(_why("licence", f"its licence ({lic.name}) does not allow commercial use"))
    level = HOSTING_ORDER.index(req.hosting)
    if not m.open_weights and level >= HOSTING_ORDER.index("self-hosted"):
        out.append(_why("hosting needs open weights", f"closed weights cannot run {_hosting_words(req.hosting)}"))
    if not m.open_weights and req.customization == "full-control":
        out.append(_why("customization", "full control needs the weights; this model's are closed"))
    if not m.open_weights and req.customization == "fine-tuning" and m.fine_tuning != "api":
        out.append(_why("customization", "no documented fine-tuning service" if m.fine_tuning is None else "its vendor offers no fine-tuning"))
    if m.open_weights and m.params_b is None and level >= HOSTING_ORDER.index("self-hosted"):
        out.append(_why("sizing", "parameter count unpublished, so it cannot be sized for self-hosting"))
    return out


def _hosting_words(hosting: str) -> str:
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


def _placement_exclusions(m: Model, opt: _Option, req: Requirements) -> list[Reason]:
    """Reasons one way of running the model is ruled out, cost aside: hosting, data, control."""
    d = opt.deployment
    out: list[str] = []
    key = f"per-token:{d.kind}" if d.mode == "per-token" else d.mode
    if key not in ALLOWED_WAYS[req.hosting]:
        what = {"per-token:vendor-api": f"{d.host} runs it outside your account", "per-token:private-cloud": f"{d.host} is a managed cloud service", "rented-gpus": "rented cloud GPUs are not on your premises"}[key]
        out.append(_why("hosting", f"{what}; hosting must be {req.hosting}"))
    if m.open_weights and req.customization in ("fine-tuning", "full-control") and d.mode == "per-token":
        out.append(_why("customization", f"{d.host} serves the base model; your {req.customization.replace('-', ' ')} needs your own weights served"))
    if d.mode == "per-token" and opt.host is not None:
        out.extend(_host_exclusions(opt.host, d.kind, req))
    return out


def _budget_exclusion(opt: _Option, req: Requirements) -> Reason | None:
    d = opt.deployment
    if opt.cost is None:
        return _why("unknown price", f"{d.host}: price unknown, so the budget cannot be checked")
    if opt.cost > req.budget:
        return _why("budget", f"{d.describe()}: {fmt_usd(opt.cost)}/month is over the {fmt_usd(req.budget)} budget")
    return None


def _option_exclusions(m: Model, opt: _Option, req: Requirements) -> list[Reason]:
    """Every reason one way of running the model is ruled out."""
    budget = _budget_exclusion(opt, req)
    return _placement_exclusions(m, opt, req) + ([budget] if budget else [])


def _host_exclusions(host: Host, kind: str, req: Requirements) -> list[Reason]:
    out = []
    s = req.sensitivity
    if s in ("internal", "confidential", "regulated") and host.trains_on_data is True:
        out.append(_why("data sensitivity", f"{host.id} trains on customer data by default; not for {s} data"))
    if s in ("confidential", "regulated") and host.trains_on_data is None:
        out.append(_why("data sensitivity", f"{host.id} does not say it keeps customer data out of training; not for {s} data"))
    if s == "regulated":
        if host.certifications.hipaa_baa is not True:
            out.append(_why("data sensitivity", f"{host.id} offers no compliance agreement (HIPAA BAA) we can confirm; regulated data needs one"))
        if kind == "vendor-api" and host.zero_retention is not True:
            out.append(_why("data sensitivity", f"{host.id} has no zero-retention option; regulated data must not be kept by a vendor"))
    if req.region != "any" and req.region not in host.regions:
        out.append(_why("region", f"{host.id} cannot pin processing to the {req.region.upper()}"))
    return out


# ---------------------------------------------------------------------------------------------
# Soft rules: each returns (value 0-1, reason)
# ---------------------------------------------------------------------------------------------

Rule = Callable[[Model, License, _Option, Requirements, dt.date], tuple[float, str]]

CAPABILITY_VALUE = {1: 1.0, 2: 0.8, 3: 0.55, 4: 0.25}


def rule_capability(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    tier = m.capability.tier
    return CAPABILITY_VALUE[tier], f"{TIER_NAMES[tier]} capability (tier {tier} of 4)"


def rule_cost(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    cost = opt.cost or 0.0
    if req.budget <= 0:
        return (1.0 if cost == 0 else 0.0), f"{fmt_usd(cost)}/month"
    share = cost / req.budget
    return max(0.0, 1.0 - share), f"{fmt_usd(cost)}/month at {fmt_count(req.tokens)} tokens, {share:.0%} of the budget"


def rule_time_to_market(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    d = opt.deployment
    key = f"per-token:{d.kind}" if d.mode == "per-token" else d.mode
    effort = EFFORT[key]
    base = effort
    if d.mode != "per-token":
        effort += {"none": 1.0, "some": 0.0, "strong": -1.0}[req.expertise]
    allowed = EFFORT_ALLOWED[req.time_to_market]
    value = 1.0 if effort <= allowed else max(0.0, 1.0 - 0.35 * (effort - allowed))
    team = {"none": "a team without ML engineers", "some": "your team", "strong": "a strong ML team"}[req.expertise]
    verdict = "fits" if value >= 1 else "is tight for"
    return value, f"{EFFORT_WORDS[base]} {verdict} a {req.time_to_market} deadline with {team}"


def rule_customization(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if req.customization == "none":
        return 1.0, "no customization needed"
    if m.open_weights and opt.deployment.mode != "per-token":
        return 1.0, "open weights: fine-tune and serve your own variant"
    if m.fine_tuning == "api":
        return 0.6, "fine-tuning only through the vendor's service (limited control)"
    return 0.3, "little room to customize"


def rule_privacy(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
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
        if host.trains_on_data is False:
            value += 0.2
            bits.append("no training on your data")
        if host.zero_retention:
            value += 0.2
            bits.append("zero retention available")
        if host.retention_days:
            bits.append(f"logs kept {host.retention_days} days by default")
    return min(value, 0.8), f"sent to {d.host}: " + (", ".join(bits) or "vendor policy unclear")


def rule_use_case(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if req.use_case in m.strengths:
        return 1.0, f"{req.use_case} is one of its documented strengths"
    if req.use_case == "general":
        return 0.7, "general-purpose model"
    return 0.45, f"{req.use_case} is not among its documented strengths"


def rule_license(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
    if not req.commercial:
        return 1.0, f"{lic.name}: non-commercial use is fine"
    if lic.commercial_use == "yes" and not lic.conditions:
        return 1.0, f"{lic.name}: commercial use without conditions"
    if lic.commercial_use == "yes":
        return 0.85, f"{lic.name}: commercial use allowed, with conditions"
    return 0.6, f"{lic.name}: commercial use allowed only under conditions"


def rule_freshness(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, str]:
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


def _score_raw(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date, weights: dict[str, float]):
    """(score, [(rule, weight, value, reason)]): the arithmetic, without building objects."""
    rows = []
    for name, rule in RULES:
        w = weights[name]
        if w == 0:
            continue
        value, reason = rule(m, lic, opt, req, today)
        rows.append((name, w, round(value, 3), reason))
    total = sum(r[1] for r in rows)
    score = 100.0 * sum(r[1] * r[2] for r in rows) / total
    return round(score, 1), rows


def _trace(rows) -> list[RuleResult]:
    return [RuleResult(rule=n, weight=w, value=v, points=round(w * v, 2), reason=why) for n, w, v, why in rows]


def score_option(m: Model, lic: License, opt: _Option, req: Requirements, today: dt.date) -> tuple[float, list[RuleResult]]:
    """One option's score (0-100) and its rule trace."""
    score, rows = _score_raw(m, lic, opt, req, today, rule_weights(req))
    return score, _trace(rows)


# ---------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------


def _token_options(m: Model, cat: Catalog, req: Requirements) -> list[_Option]:
    opts = []
    for off in m.offerings:
        if off.kind == "self-hosted":
            continue
        cost = token_cost(off, req.tokens, req.output_share)
        opts.append(
            _Option(
                deployment=_Place(off.host, off.kind, "per-token"),
                cost=None if cost is None else round(cost, 2),
                host=cat.hosts.get(off.host),
                offering=off,
            )
        )
    return opts


def _self_hosted_options(m: Model, cat: Catalog, req: Requirements, a: CostAssumptions, gpus: list, plans: dict) -> list[_Option]:
    opts = []
    if m.open_weights:
        key = sizing_key(m)
        if key not in plans:
            plans[key] = plan_self_hosting_modes(m, gpus, req.tokens, req.output_share, a)
        for mode, plan in plans[key].items():
            if plan is not None:
                opts.append(
                    _Option(
                        deployment=_Place("self", "self-hosted", mode, plan.sizing.gpu, plan.gpus),
                        cost=plan.monthly_cost_usd,
                        host=cat.hosts.get("self"),
                        plan=plan,
                    )
                )
    return opts


OPTION_RULES = frozenset({"cost", "time_to_market", "privacy", "customization"})
"""Rules whose value depends on how the model runs; the others depend on the model alone."""


def _upper_bound(m: Model, lic: License, req: Requirements, today: dt.date, weights: dict[str, float]) -> float:
    """The best score any way of running ``m`` could get: option rules count as perfect."""
    total = points = 0.0
    for name, rule in RULES:
        w = weights[name]
        if w == 0:
            continue
        total += w
        points += w if name in OPTION_RULES else w * round(rule(m, lic, None, req, today)[0], 3)  # type: ignore[arg-type]
    return round(100.0 * points / total, 1) + 0.1  # a margin for rounding


def _caveats(m: Model, lic: License, opt: _Option, trace: list[RuleResult], req: Requirements, today: dt.date) -> list[str]:
    out = []
    stale = stale_note(m, today)
    if stale:
        out.append(stale)
    if m.lifecycle.status == "deprecated":
        succ = f"; move to {m.lifecycle.successor}" if m.lifecycle.successor else ""
        out.append(f"deprecated: its vendor shuts it down on {m.lifecycle.date}{succ}")
    for r in trace:
        if r.value < 0.5 and r.rule not in ("freshness",):
            out.append(r.reason)
    if req.commercial and lic.mau_limit:
        out.append(f"licence needs a separate agreement above {fmt_count(lic.mau_limit)} monthly active users")
    if lic.restricts_output_training:
        out.append("licence forbids using its outputs to improve other models")
    if lic.restricts_hosting:
        out.append("licence restricts offering it as a hosted service to others")
    if lic.restricts_eu and "image" in m.modalities:
        out.append("licence withholds rights from EU-domiciled companies for this multimodal model")
    if opt.plan is not None:
        if opt.plan.sizing.kv_estimated:
            out.append("architecture unpublished: KV-cache size estimated")
        if req.expertise == "none":
            out.append("self-hosting needs ML/infrastructure engineers you do not have yet")
        out.append("GPU cost only: staff time to run it is not included")
    host = opt.host
    if opt.deployment.mode == "per-token" and host is not None and host.kind != "self" and req.sensitivity != "public":
        if host.retention_days:
            out.append(f"{host.id} keeps prompts up to {host.retention_days} days unless zero retention is arranged")
    if opt.offering is not None and opt.offering.price_changes:
        change = opt.offering.price_changes[0]
        cost = token_cost(change, req.tokens, req.output_share)
        out.append(
            f"{opt.deployment.host}'s price changes on {change.start_date} to {fmt_price(change.input)} in / {fmt_price(change.output)} out per M"
            + ("" if cost is None else f" ({fmt_usd(cost)}/month at your volume)")
        )
    return list(dict.fromkeys(out))


def _recommendation(m: Model, lic: License, opt: _Option, score: float, trace: list[RuleResult], cat: Catalog, req: Requirements, be: int | None, today: dt.date) -> Recommendation:
    ranked = sorted(trace, key=lambda r: (-r.points, r.rule))
    reasons = [r.reason for r in ranked if r.value >= 0.6][:4]
    return Recommendation(
        model=m.id,
        name=m.name,
        lab=m.lab,
        open_weights=m.open_weights,
        score=score,
        deployment=opt.deployment.public(),
        monthly_cost_usd=opt.cost,
        context=m.context,
        license={"id": lic.id, "name": lic.name, "commercial_use": lic.commercial_use},
        reasons=reasons,
        caveats=_caveats(m, lic, opt, trace, req, today),
        trace=trace,
        break_even_tokens=be,
    )


def _cheapest_api_price(m: Model, cat: Catalog, req: Requirements) -> float | None:
    prices = [blended_price(o, req.output_share) for o in m.offerings if o.input is not None]
    prices = [p for p in prices if p is not None]
    return min(prices) if prices else None


def recommend(
    catalog: Catalog,
    req: Requirements,
    *,
    today: dt.date,
    assumptions: CostAssumptions | None = None,
    top: int = 5,
) -> Advice:
    """Rank every model in the catalogue against the requirements, as the catalogue stands on
    ``today``: prices in force and life cycles on that day."""
    catalog = catalog.on(today)
    # Size the KV cache for the context the team needs.  Above the schema's bound no model has
    # that context, so every model is excluded before sizing and the clamp changes nothing.
    a = assumptions or CostAssumptions(context=min(max(req.context, 1), MAX_CONTEXT))
    weights = rule_weights(req)
    gpus = sorted(catalog.gpus.values(), key=lambda g: g.id)
    scored: list[tuple[float, str, Model, License, _Option, list, int | None]] = []
    excluded: list[Exclusion] = []
    candidates = []
    plan_memo: dict[tuple, dict[str, SelfHostPlan | None]] = {}  # sizing_key -> plans
    for m in catalog.models.values():
        lic = catalog.licenses[m.license]
        reasons = _model_exclusions(m, lic, req)
        if reasons:
            excluded.append(_exclusion(m.id, reasons))
        else:
            candidates.append((-_upper_bound(m, lic, req, today, weights), m.id, m, lic))
    # Best-possible first, so each side's top N fills early and models that cannot reach it
    # skip GPU sizing (unless sizing decides whether they are excluded at all).
    candidates.sort(key=lambda t: (t[0], t[1]))
    leaders: dict[bool, list[tuple[float, str]]] = {True: [], False: []}
    for neg_ub, _, m, lic in candidates:
        side = leaders[m.open_weights]
        token_opts = _token_options(m, catalog, req)
        if len(side) >= top and (neg_ub, m.id) > side[top - 1]:
            if any(not _option_exclusions(m, o, req) for o in token_opts):
                continue  # runs somehow, but cannot make the list: nothing to show
        opts = token_opts + _self_hosted_options(m, catalog, req, a, gpus, plan_memo)
        if not opts:
            excluded.append(_exclusion(m.id, [_why("no way to run it", "no way to run it: no priced offering and no self-hosting sizing")]))
            continue
        best = None
        why_not: list[Reason] = []
        plans: list[SelfHostPlan] = []
        for opt in opts:
            problems = _placement_exclusions(m, opt, req)
            if opt.plan is not None and not problems:
                plans.append(opt.plan)  # allowed, if perhaps over budget today
            budget = _budget_exclusion(opt, req)
            if budget:
                problems.append(budget)
            if problems:
                why_not.extend(problems)
                continue
            score, rows = _score_raw(m, lic, opt, req, today, weights)
            key = (-score, opt.cost if opt.cost is not None else float("inf"), opt.deployment.describe())
            if best is None or key < best[0]:
                best = (key, opt, rows)
        if best is None:
            excluded.append(_exclusion(m.id, list(dict.fromkeys(why_not))))
            continue
        be = None
        price = _cheapest_api_price(m, catalog, req)
        if price is not None:
            found = [b for b in (break_even_tokens(p, price) for p in plans) if b is not None]
            be = min(found) if found else None
        score = -best[0][0]
        scored.append((score, m.id, m, lic, best[1], best[2], be))
        side.append((-score, m.id))
        side.sort()
        del side[top:]

    scored.sort(key=lambda t: (-t[0], t[1]))
    # Objects (and their reasons and caveats) only for what is shown.
    open_side = [_recommendation(m, lic, opt, sc, _trace(rows), catalog, req, be, today) for sc, _, m, lic, opt, rows, be in [t for t in scored if t[2].open_weights][:top]]
    closed_side = [_recommendation(m, lic, opt, sc, _trace(rows), catalog, req, be, today) for sc, _, m, lic, opt, rows, be in [t for t in scored if not t[2].open_weights][:top]]
    verdict, summary = _verdict(open_side, closed_side, excluded, req, catalog)
    return Advice(
        today=today,
        requirements=req,
        verdict=verdict,
        summary=summary,
        open=open_side,
        closed=closed_side,
        excluded=sorted(excluded, key=lambda e: e.model),
        assumptions=_cost_assumption_lines(a),
    )


def _cost_assumption_lines(a: CostAssumptions) -> list[str]:
    return [
        f"self-hosting sized at {a.quantization} weights, {fmt_count(a.context)} context, {a.concurrency} concurrent sequences, {a.utilisation:.0%} average utilisation",
        f"owned GPUs written off over {a.amortisation_months} months; power at ${a.power_usd_per_kwh}/kWh x {a.cooling_overhead} cooling overhead",
        "self-hosting costs are GPU costs only: no staff time, storage or networking",
        "API costs at list prices; no batch, cache or committed-use discounts",
    ]


def _verdict(open_side: list[Recommendation], closed_side: list[Recommendation], excluded: list[Exclusion], req: Requirements, cat: Catalog):
    if not open_side and not closed_side:
        counts = Counter(k for e in excluded for k in e.constraints)
        everywhere = sorted(k for k in counts if counts[k] == len(excluded))
        if everywhere:
            return "none", (
                f"No model meets every hard constraint: {' and '.join(everywhere)} alone rule{'s' if len(everywhere) == 1 else ''} out "
                f"all {len(excluded)} models; relax {'it' if len(everywhere) == 1 else 'them'} first (--explain lists each model's reasons)."
            )
        common = ", ".join(f"{kind} ({n} models)" for kind, n in counts.most_common(3))
        return "none", f"No model meets every hard constraint; the constraints that excluded the most: {common} (--explain lists each model's reasons)."
    bo = open_side[0] if open_side else None
    bc = closed_side[0] if closed_side else None

    def line(r: Recommendation) -> str:
        return f"{r.name} {r.deployment.describe(cat.hosts)} at {fmt_usd(r.monthly_cost_usd)}/month"

    if bc is None:
        assert bo is not None
        return "open", f"Open weights: only open-weight models meet your constraints; best is {line(bo)}."
    if bo is None:
        return "closed", f"Closed API: no open-weight model meets your constraints; best is {line(bc)}."
    diff = bo.score - bc.score
    if diff >= VERDICT_MARGIN:
        return "open", f"Open weights: {line(bo)} scores {bo.score:.0f} against {bc.score:.0f} for the best closed option ({bc.name})."
    movers = [r for r in open_side if r.break_even_tokens is not None and r.break_even_tokens <= MOVE_FACTOR * max(req.tokens, 1)]
    if diff <= -VERDICT_MARGIN:
        if movers:
            mv = movers[0]
            return "hybrid", (
                f"Hybrid: start on {line(bc)}; self-hosting open-weight {mv.name} costs less than its APIs above "
                f"{fmt_count(mv.break_even_tokens)} tokens a month (you plan {fmt_count(req.tokens)}), so move volume to it as you grow."
            )
        return "closed", f"Closed API: {line(bc)} scores {bc.score:.0f} against {bo.score:.0f} for the best open option ({bo.name})."
    lead, other = (bo, bc) if diff >= 0 else (bc, bo)
    return "hybrid", (
        f"Hybrid: {line(lead)} and {line(other)} score within {abs(diff):.0f} points; "
        f"start with {lead.name} and keep {other.name} for the workloads it suits better (cost, privacy or control)."
    )
