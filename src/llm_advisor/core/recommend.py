"""The rule-based recommender.  Pure: catalogue + requirements (+ today) in, advice out.

Each model is offered every way it can run (its per-token offerings, self-hosting on rented
GPUs, self-hosting on owned GPUs).  **Hard constraints** (``rules``) remove a model or one of
its ways to run, each with a reason a person understands.  The surviving ways are scored by
small named **soft rules** (each a weight, a value from 0 to 1 and a reason); a model's score
is its best way's weighted mean, 0 to 100.  Ties break by model id, so the output never changes
between runs.  The verdict compares the best open-weight and the best closed option.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..catalog import Catalog
from ..records import Gpu, License, Model
from ..requirements import REQUEST_TOKENS, STAFF_FACTOR, CostAssumptions, Requirements, Workload
from ..results import (
    Advice,
    Deployment,
    Exclusion,
    LicenseSummary,
    LifecycleSummary,
    Recommendation,
    RuleResult,
    SelfHostPlan,
    Verdict,
)
from ..units import fmt_count, fmt_price, fmt_usd
from .costs import (
    Config,
    SizingKey,
    break_even_tokens,
    cheapest_offering,
    configs,
    floor_table,
    plan_self_hosting_modes,
    self_hosting_floor,
    sizing_key,
    token_cost,
)
from .freshness import stale_note
from .quality import UNMEASURED
from .rules import (
    ALLOWED_WAYS,
    RULES,
    Option,
    Reason,
    budget_exclusion,
    model_exclusions,
    placement_exclusions,
    retention,
    rule_weights,
    score_raw,
    why,
)

VERDICT_MARGIN = 8.0
"""Score points by which one side must lead for a clear open or closed verdict."""
VERDICT_DEPTH = 5
"""Options per side the verdict reads (a hybrid's open option to move to is among them),
whatever --top asks to list."""
MOVE_FACTOR = 3
"""A closed lead becomes 'hybrid' when self-hosting an open option pays off within this
multiple of the stated volume: start on the API, move to open weights as volume grows."""


def _exclusion(model_id: str, reasons: list[Reason]) -> Exclusion:
    return Exclusion(model=model_id, reasons=[str(r) for r in reasons], constraints=sorted({r.kind for r in reasons}))


def _trace(rows: list[tuple[str, float, float, str]]) -> list[RuleResult]:
    return [
        RuleResult(rule=n, weight=float(w), value=float(v), points=float(round(w * v, 2)), reason=why_)
        for n, w, v, why_ in rows
    ]


def _token_options(m: Model, cat: Catalog, w: Workload) -> list[Option]:
    opts = []
    for off in m.offerings:
        if off.kind == "self-hosted":
            continue
        cost = token_cost(off, w)
        opts.append(
            Option(
                deployment=Deployment(host=off.host, kind=off.kind, mode="per-token"),
                cost=None if cost is None else round(cost, 2),
                host=cat.hosts.get(off.host),
                offering=off,
                breakdown=None if cost is None else {"api_usd": round(cost, 2), "staff_usd": 0.0},
            )
        )
    return opts


def _runs_per_token(m: Model, cat: Catalog, w: Workload, req: Requirements) -> bool:
    """Whether some per-token offering of ``m`` meets every hard constraint: placement first,
    the price only for an offering that passes it (the same test as ``option_exclusions``
    over ``_token_options``, without pricing every offering)."""
    for off in m.offerings:
        if off.kind == "self-hosted":
            continue
        opt = Option(
            deployment=Deployment(host=off.host, kind=off.kind, mode="per-token"),
            cost=None,
            host=cat.hosts.get(off.host),
            offering=off,
        )
        if placement_exclusions(m, opt, req):
            continue
        cost = token_cost(off, w)
        if cost is not None and round(cost, 2) <= req.budget:
            return True
    return False


def _self_hosted_options(
    m: Model,
    cat: Catalog,
    w: Workload,
    a: CostAssumptions,
    gpus: list[Gpu],
    memo: dict[SizingKey, Sized],
) -> list[Option]:
    opts = []
    if m.open_weights:
        for plan in _sized(m, w, a, gpus, memo).plans.values():
            if plan is not None:
                opts.append(
                    Option(
                        deployment=Deployment(
                            host="self", kind="self-hosted", mode=plan.mode, gpu=plan.sizing.gpu, gpus=plan.gpus
                        ),
                        cost=plan.monthly_cost_usd,
                        host=cat.hosts.get("self"),
                        plan=plan,
                        breakdown=plan.cost_breakdown,
                    )
                )
    return opts


@dataclass(frozen=True, slots=True)
class Sized:
    """A model's GPU configurations and its cheapest plan per way of paying."""

    cfgs: list[Config]
    plans: dict[str, SelfHostPlan | None]


def _sized(m: Model, w: Workload, a: CostAssumptions, gpus: list[Gpu], memo: dict[SizingKey, Sized]) -> Sized:
    """Sized once per sizing key (a catalogue of fine-tunes of one base sizes it once)."""
    key = sizing_key(m)
    got = memo.get(key)
    if got is None:
        cfgs = configs(m, gpus, w, a)
        got = memo[key] = Sized(cfgs=cfgs, plans=plan_self_hosting_modes(m, gpus, w, a, cfgs=cfgs))
    return got


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


def _caveats(
    m: Model,
    lic: License,
    opt: Option,
    trace: list[RuleResult],
    req: Requirements,
    today: dt.date,
    gpu: Gpu | None = None,
) -> list[str]:
    out = []
    if m.capability.basis.startswith(UNMEASURED):
        out.append("capability not measured independently (no leaderboard score yet): its tier is the lab's placement")
    stale = stale_note(m, today)
    if stale:
        out.append(stale)
    if m.lifecycle.status == "deprecated":
        succ = f"; move to {m.lifecycle.successor}" if m.lifecycle.successor else ""
        out.append(f"deprecated: its vendor shuts it down on {m.lifecycle.date}{succ}")
    if m.lifecycle.preview or (opt.offering is not None and opt.offering.preview):
        out.append("a preview (pre-GA) service: no SLA, and it may change or end at short notice")
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
        plan = opt.plan
        if plan.sizing.kv_estimated:
            out.append("attention layout unpublished: KV cache sized by an upper bound")
        if req.expertise == "none":
            out.append("self-hosting needs ML/infrastructure engineers you do not have yet")
        if gpu is not None and gpu.consumer:
            out.append(
                f"{gpu.name} is a consumer card: NVIDIA's GeForce driver licence forbids data-centre deployment, it has no NVLink, and street prices vary"
            )
        if plan.low_usd is not None and plan.low_usd < plan.monthly_cost_usd:
            out.append(f"at the lowest published GPU price it is {fmt_usd(plan.low_usd)}/month")
    host = opt.host
    if opt.deployment.mode == "per-token" and host is not None and host.kind != "self" and req.sensitivity != "public":
        _, days = retention(host, opt.offering)
        if days and opt.offering is not None and opt.offering.zero_retention is False:
            out.append(f"{host.id} keeps this model's prompts {days} days, even under zero-retention agreements")
        elif days:
            out.append(f"{host.id} keeps prompts up to {days} days unless zero retention is arranged")
    off = opt.offering
    if off is not None and req.customization == "fine-tuning" and off.fine_tuned_input is None:
        out.append(
            f"{opt.deployment.host}'s fine-tuned price and training cost are not in the catalogue: the base price is shown"
        )
    if off is not None and req.region != "any" and off.regional_uplift and off.region_scope != "regional":
        out.append(
            f"priced at {opt.deployment.host}'s in-region rate ({off.regional_uplift:g}x its global price) to keep processing in the {req.region.upper()}"
        )
    if opt.offering is not None and opt.offering.price_changes:
        change = opt.offering.price_changes[0]
        cost = token_cost(change, req.workload())
        out.append(
            f"{opt.deployment.host}'s price changes on {change.start_date} to {fmt_price(change.input)} in / {fmt_price(change.output)} out per M"
            + ("" if cost is None else f" ({fmt_usd(cost)}/month at your volume)")
        )
    return list(dict.fromkeys(out))


def _recommendation(
    m: Model,
    lic: License,
    opt: Option,
    score: float,
    trace: list[RuleResult],
    req: Requirements,
    be: int | None,
    today: dt.date,
    gpus: dict[str, Gpu],
) -> Recommendation:
    ranked = sorted(trace, key=lambda r: (-r.points, r.rule))
    reasons = [r.reason for r in ranked if r.value >= 0.6][:4]
    return Recommendation(
        model=m.id,
        name=m.name,
        lab=m.lab,
        open_weights=m.open_weights,
        score=score,
        deployment=opt.deployment,
        monthly_cost_usd=opt.cost,
        context=m.context,
        license=LicenseSummary(id=lic.id, name=lic.name, commercial_use=lic.commercial_use),
        reasons=reasons,
        caveats=_caveats(m, lic, opt, trace, req, today, gpus.get(opt.deployment.gpu or "")),
        trace=trace,
        break_even_tokens=be,
        cost_breakdown=opt.breakdown,
        lifecycle=LifecycleSummary(
            status=m.lifecycle.status,
            shutdown=m.lifecycle.date,
            successor=m.lifecycle.successor,
            preview=m.lifecycle.preview or bool(opt.offering is not None and opt.offering.preview),
        ),
    )


def recommend(
    catalog: Catalog,
    req: Requirements,
    *,
    today: dt.date,
    assumptions: CostAssumptions | None = None,
    top: int = 5,
    named_gpus: tuple[str, ...] = (),
) -> Advice:
    """Rank every model in the catalogue against the requirements, as the catalogue stands on
    ``today``: prices in force and life cycles on that day."""
    catalog = catalog.on(today)
    # Requests of the default size, or of the whole required context where that is smaller.
    a = assumptions or CostAssumptions(
        context=min(max(req.context, 1), REQUEST_TOKENS), expertise=req.expertise, production=req.commercial
    )
    weights = rule_weights(req)
    keep = max(top, VERDICT_DEPTH)
    w = req.workload()
    gpus = sorted((g for g in catalog.gpus.values() if not g.consumer or g.id in named_gpus), key=lambda g: g.id)
    scored: list[tuple[float, str, Model, License, Option, list[tuple[str, float, float, str]]]] = []
    excluded: list[Exclusion] = []
    candidates = []
    plan_memo: dict[SizingKey, Sized] = {}
    table = floor_table(gpus, a)
    for m in catalog.models.values():
        lic = catalog.licenses[m.license]
        reasons = model_exclusions(m, lic, req, today)
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
        if len(side) >= keep and (neg_ub, m.id) > side[keep - 1] and _runs_per_token(m, catalog, w, req):
            continue  # runs somehow, but cannot make the list: nothing to show
        token_opts = _token_options(m, catalog, w)
        floors = self_hosting_floor(m, table, a) if m.open_weights else {}
        sized = any(f is not None and f[0] <= req.budget for f in floors.values())
        if sized:
            opts = token_opts + _self_hosted_options(m, catalog, w, a, gpus, plan_memo)
        else:
            # Even the cheapest conceivable plan is over budget: say so without sizing.
            opts = token_opts + [
                Option(
                    deployment=Deployment(host="self", kind="self-hosted", mode=mode, gpu=f[1].id, gpus=f[2]),  # type: ignore[arg-type]
                    cost=f[0],
                    host=catalog.hosts.get("self"),
                    at_least=True,
                )
                for mode, f in floors.items()
                if f is not None
            ]
        if not opts:
            excluded.append(
                _exclusion(
                    m.id, [why("no way to run it", "no way to run it: no priced offering and no self-hosting sizing")]
                )
            )
            continue
        best = None
        why_not: list[Reason] = []
        plans: list[SelfHostPlan] = []
        for opt in opts:
            problems = placement_exclusions(m, opt, req)
            if opt.plan is not None and not problems:
                plans.append(opt.plan)  # allowed, if perhaps over budget today
            budget = budget_exclusion(opt, req)
            if budget:
                problems.append(budget)
            if problems:
                why_not.extend(problems)
                continue
            score, rows = score_raw(m, lic, opt, req, today, weights)
            key = (-score, opt.cost if opt.cost is not None else float("inf"), opt.deployment.describe())
            if best is None or key < best[0]:
                best = (key, opt, rows)
        if best is None:
            excluded.append(_exclusion(m.id, list(dict.fromkeys(why_not))))
            continue
        score = -best[0][0]
        scored.append((score, m.id, m, lic, best[1], best[2]))
        side.append((-score, m.id))
        side.sort()
        del side[keep:]

    scored.sort(key=lambda t: (-t[0], t[1]))

    def break_even(m: Model) -> int | None:
        """The volume above which self-hosting ``m`` beats its cheapest API, in the ways of
        paying for GPUs the hosting answer allows (only for what is shown: a model whose
        self-hosting was not sized because of the budget is sized now)."""
        cheapest = cheapest_offering(m, w)
        if cheapest is None or not m.open_weights:
            return None
        cfgs = _sized(m, w, a, gpus, plan_memo).cfgs
        found = [
            b
            for mode in ("rented-gpus", "owned-gpus")
            if mode in ALLOWED_WAYS[req.hosting] and (b := break_even_tokens(cfgs, mode, cheapest[0], a)) is not None
        ]
        return min(found) if found else None

    # Objects (and their reasons and caveats) only for what is shown.
    open_side = [
        _recommendation(m, lic, opt, sc, _trace(rows), req, break_even(m), today, catalog.gpus)
        for sc, _, m, lic, opt, rows in [t for t in scored if t[2].open_weights][:keep]
    ]
    closed_side = [
        _recommendation(m, lic, opt, sc, _trace(rows), req, break_even(m), today, catalog.gpus)
        for sc, _, m, lic, opt, rows in [t for t in scored if not t[2].open_weights][:keep]
    ]
    # The verdict reads the same leaders whatever --top is: it only trims the lists.
    verdict, summary = _verdict(open_side[:VERDICT_DEPTH], closed_side[:VERDICT_DEPTH], excluded, req)
    open_side, closed_side = open_side[:top], closed_side[:top]
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
    precision = "the weights' native precision" if a.quantization == "native" else f"{a.quantization} weights"
    staff = (
        f"self-hosting includes people: {a.ops_fte if a.production else 0:g} of an engineer per deployment"
        + ("" if a.production else " (research use: no on-call)")
        + f" + {a.ops_fte_per_server:g} per server"
        f" (+{a.hardware_fte_per_server:g} per owned server), x{STAFF_FACTOR[a.expertise]:g} for a team with {a.expertise} expertise,"
        f" at ${a.fte_usd:,.0f} a year; APIs and managed services in your cloud add none"
        if a.staff
        else "staff time left out (--no-staff): self-hosting costs are hardware only"
    )
    return [
        f"self-hosting sized at {precision}, {fmt_count(a.context)}-token requests, {a.stream_speed:g} tokens/s per stream, at most {a.max_batch} sequences a replica, {a.utilisation:.0%} average utilisation",
        f"rented GPUs at the typical published on-demand price; owned GPUs and servers written off over {a.amortisation_months} months, power at ${a.power_usd_per_kwh}/kWh x {a.cooling_overhead} PUE",
        staff,
        "API costs at list prices (batch and cached-input prices for the shares you state); no committed-use discounts",
    ]


def _verdict(
    open_side: list[Recommendation], closed_side: list[Recommendation], excluded: list[Exclusion], req: Requirements
) -> tuple[Verdict, str]:
    if not open_side and not closed_side:
        counts = Counter(k for e in excluded for k in e.constraints)
        everywhere = sorted(k for k in counts if counts[k] == len(excluded))
        if everywhere:
            return "none", (
                f"No model meets every hard constraint: {' and '.join(everywhere)} alone rule{'s' if len(everywhere) == 1 else ''} out "
                f"all {len(excluded)} models; relax {'it' if len(everywhere) == 1 else 'them'} first."
            )
        common = ", ".join(f"{kind} ({n} models)" for kind, n in counts.most_common(3))
        return "none", f"No model meets every hard constraint; the constraints that excluded the most: {common}."
    bo = open_side[0] if open_side else None
    bc = closed_side[0] if closed_side else None

    def line(r: Recommendation) -> str:
        return f"{r.name} {r.deployment.describe()} at {fmt_usd(r.monthly_cost_usd)}/month"

    if bc is None:
        assert bo is not None
        return "open", f"Open weights: only open-weight models meet your constraints; best is {line(bo)}."
    if bo is None:
        return "closed", f"Closed API: no open-weight model meets your constraints; best is {line(bc)}."
    diff = bo.score - bc.score
    if diff >= VERDICT_MARGIN:
        return (
            "open",
            f"Open weights: {line(bo)} scores {bo.score:.0f} against {bc.score:.0f} for the best closed option ({bc.name}).",
        )
    movers = [
        r
        for r in open_side
        if r.break_even_tokens is not None and r.break_even_tokens <= MOVE_FACTOR * max(req.tokens, 1)
    ]
    if diff <= -VERDICT_MARGIN:
        if movers:
            mv = movers[0]
            return "hybrid", (
                f"Hybrid: start on {line(bc)}; self-hosting open-weight {mv.name} costs less than its APIs above "
                f"{fmt_count(mv.break_even_tokens)} tokens a month (you plan {fmt_count(req.tokens)}), so move volume to it as you grow."
            )
        return (
            "closed",
            f"Closed API: {line(bc)} scores {bc.score:.0f} against {bo.score:.0f} for the best open option ({bo.name}).",
        )
    lead, other = (bo, bc) if diff >= 0 else (bc, bo)
    return "hybrid", (
        f"Hybrid: {line(lead)} and {line(other)} score within {abs(diff):.0f} points; "
        f"start with {lead.name} and keep {other.name} for the workloads it suits better (cost, privacy or control)."
    )
