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
from dataclasses import dataclass, field

from ..catalog import Catalog
from ..policy import Policy
from ..records import Gpu, Host, License, Model
from ..requirements import REQUEST_TOKENS, STAFF_FACTOR, CostAssumptions, Requirements, Workload
from ..results import (
    Advice,
    Deployment,
    Exclusion,
    LicenseSummary,
    LifecycleSummary,
    Quality,
    Recommendation,
    RuleResult,
    SelfHostPlan,
)
from ..units import fmt_count, fmt_price, fmt_usd
from .costs import (
    Config,
    FloorRow,
    SizingKey,
    blended_price,
    break_even_tokens,
    cheapest_offering,
    configs,
    datacentre_gpus,
    floor_table,
    plan_self_hosting_modes,
    self_hosting_floor,
    sizing_key,
    token_cost,
)
from .freshness import stale_note
from .policy import PRICE_UNCHECKED, Way, model_violations, way_violations
from .quality import Boards, boards, task_quality
from .rules import (
    ALLOWED_WAYS,
    RULES,
    Option,
    Reason,
    budget_exclusion,
    compliance_assumption,
    feasible_ways,
    model_exclusions,
    placement_exclusions,
    regimes,
    retention,
    rule_capability,
    rule_weights,
    score_raw,
    way_of,
    why,
)
from .whatif import CASCADE_ASSUMPTION, Ranked, binding_summary, decide, find_binding, find_flips

VERDICT_DEPTH = 5
"""Options per side the verdict reads (a hybrid's open option to move to is among them),
whatever --top asks to list."""


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


def _runs_per_token(sh: Shared, m: Model, w: Workload, req: Requirements) -> bool:
    """Whether some per-token offering of ``m`` meets every hard constraint: placement first,
    the price only for an offering that passes it (the same test as ``option_exclusions``
    over ``_token_options``, without pricing every offering)."""
    for off in m.offerings:
        if off.kind == "self-hosted":
            continue
        opt = Option(
            deployment=Deployment(host=off.host, kind=off.kind, mode="per-token"),
            cost=None,
            host=sh.catalog.hosts.get(off.host),
            offering=off,
        )
        if placement_exclusions(m, opt, req) or _policy_way(sh, m, opt, req, w):
            continue
        cost = token_cost(off, w)
        if cost is not None and round(cost, 2) <= req.budget:
            return True
    return False


def _self_hosted_options(m: Model, cat: Catalog, sized: Sized) -> list[Option]:
    opts = []
    if m.open_weights:
        for plan in sized.plans.values():
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


OPTION_RULES = frozenset({"cost", "time_to_market", "privacy", "customization"})
"""Rules whose value depends on how the model runs; the others depend on the model alone."""


def model_rules(
    m: Model, lic: License, req: Requirements, today: dt.date, quality: Quality
) -> dict[str, tuple[float, str]]:
    """(value, reason) of every soft rule that reads only the model (not how it runs)."""
    out = {}
    for name, rule in RULES:
        if name in OPTION_RULES:
            continue
        if name == "capability":
            out[name] = rule_capability(m, lic, None, req, today, quality)  # type: ignore[arg-type]
        else:
            out[name] = rule(m, lic, None, req, today)  # type: ignore[arg-type]
    return out


def _upper_bound(fixed: dict[str, tuple[float, str]], weights: dict[str, float]) -> float:
    """The best score any way of running the model could get: option rules count as perfect."""
    total = points = 0.0
    for name, _ in RULES:
        w = weights[name]
        if w == 0:
            continue
        total += w
        points += w if name in OPTION_RULES else w * round(fixed[name][0], 3)
    return round(100.0 * points / total, 1) + 0.1  # a margin for rounding


def _caveats(
    m: Model,
    lic: License,
    opt: Option,
    trace: list[RuleResult],
    req: Requirements,
    today: dt.date,
    gpu: Gpu | None = None,
    quality: Quality | None = None,
    extra_regimes: tuple[str, ...] = (),
) -> list[str]:
    out = []
    if quality is not None and quality.score is None:
        out.append(
            "not measured independently (no leaderboard score yet): try it on your own traffic before you rely on it"
        )
    stale = stale_note(m, today)
    if stale:
        out.append(stale)
    if m.lifecycle.status == "deprecated":
        succ = f"; move to {m.lifecycle.successor}" if m.lifecycle.successor else ""
        out.append(f"deprecated: its vendor shuts it down on {m.lifecycle.date}{succ}")
    if m.lifecycle.preview or (opt.offering is not None and opt.offering.preview):
        out.append("a preview (pre-GA) service: no SLA, and it may change or end at short notice")
    for r in trace:
        if r.value < 0.5 and r.rule not in ("freshness", "use_case", "capability"):
            out.append(r.reason)
    if req.commercial and lic.mau_limit:
        out.append(f"licence needs a separate agreement above {fmt_count(lic.mau_limit)} monthly active users")
    if req.commercial and lic.revenue_limit_usd:
        out.append(
            f"licence terms change above US${fmt_count(lic.revenue_limit_usd)} monthly revenue: read {lic.id}'s conditions (`llm-advisor show`)"
        )
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
    if opt.deployment.mode == "per-token" and host is not None:
        out.extend(_compliance_steps(host, req, extra_regimes))
    off = opt.offering
    if off is not None and req.customization == "fine-tuning" and opt.deployment.mode == "per-token":
        host_id = opt.deployment.host
        if off.fine_tuned_input is None:
            out.append(
                f"{host_id} publishes no per-token price for a fine-tuned {m.name} that we could confirm (some hosts serve fine-tunes only on dedicated endpoints billed by the hour): the base price shown is a lower bound"
            )
        if off.fine_tuning_train is not None:
            out.append(
                f"training costs {fmt_price(off.fine_tuning_train)} per million training tokens (data set x epochs), once per run: 10M tokens x 3 epochs is {fmt_usd(off.fine_tuning_train * 30)}"
            )
        else:
            out.append(f"{host_id}'s training price is not in the catalogue: ask before you plan the runs")
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


def _compliance_steps(host: Host, req: Requirements, extra: tuple[str, ...] = ()) -> list[str]:
    """What each regime in force (the answers', and ``extra``: a policy's) still asks of the
    user with this host: the agreement to sign and the terms it rests on (a host meets a regime
    only on paper until it is signed)."""
    c = host.certifications
    out = []
    for regime in dict.fromkeys((*regimes(req), *extra)):
        if regime == "hipaa":
            out.append(f"HIPAA: sign {host.id}'s business associate agreement before any PHI is sent")
        elif regime == "gdpr":
            where = (
                "with processing pinned to the EU"
                if req.region == "eu" or ("eu" in host.regions and not c.gdpr_transfer)
                else f"transfers out of the EU under {c.gdpr_transfer}"
            )
            out.append(f"GDPR: put {host.id}'s data-processing agreement in place, {where}")
        elif regime == "pci-dss":
            out.append(f"PCI DSS: keep cardholder data within the services {host.id}'s attestation covers")
        elif regime == "fedramp":
            out.append(f"FedRAMP {c.fedramp}: use {host.id}'s authorised regions and services only")
    return out


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
    quality: Quality,
    extra_regimes: tuple[str, ...] = (),
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
        caveats=_caveats(m, lic, opt, trace, req, today, gpus.get(opt.deployment.gpu or ""), quality, extra_regimes),
        trace=trace,
        break_even_tokens=be,
        cost_breakdown=opt.breakdown,
        lifecycle=LifecycleSummary(
            status=m.lifecycle.status,
            shutdown=m.lifecycle.date,
            successor=m.lifecycle.successor,
            preview=m.lifecycle.preview or bool(opt.offering is not None and opt.offering.preview),
        ),
        quality=quality,
    )


@dataclass(slots=True)
class Shared:
    """What runs of the recommender over one day's catalogue share: the catalogue, the GPUs,
    the leaderboards, and memos of quality, sizing, per-token options and break-even volumes
    (each keyed by everything it reads, so a re-run for another answer reuses what still holds
    and recomputes what does not)."""

    catalog: Catalog
    gpus: list[Gpu]
    stats: Boards
    quality: dict[tuple[str, str, tuple[str, ...]], Quality] = field(default_factory=dict)
    sized: dict[tuple[SizingKey, Workload, CostAssumptions], Sized] = field(default_factory=dict)
    configs: dict[tuple[SizingKey, Workload, CostAssumptions], list[Config]] = field(default_factory=dict)
    fixed: dict[tuple[str, str, tuple[str, ...], bool], dict[str, tuple[float, str]]] = field(default_factory=dict)
    floors: dict[tuple[SizingKey, CostAssumptions], dict[str, tuple[float, Gpu, int] | None]] = field(
        default_factory=dict
    )
    tables: dict[CostAssumptions, list[FloorRow]] = field(default_factory=dict)
    token_opts: dict[tuple[str, Workload], list[Option]] = field(default_factory=dict)
    break_even: dict[tuple[str, Workload, CostAssumptions, str], int | None] = field(default_factory=dict)
    candidates: dict[tuple[object, ...], tuple[list[Exclusion] | None, list[tuple[float, str, Model, License]]]] = (
        field(default_factory=dict)
    )
    policy: Policy | None = None
    """A team's policy, applied as hard constraints (each exclusion names its rule)."""


def default_assumptions(req: Requirements) -> CostAssumptions:
    """The cost model's assumptions for these requirements: requests of the default size (or
    of the whole required context where that is smaller), the team's expertise, production
    staffing for a commercial product."""
    return CostAssumptions(
        context=min(max(req.context, 1), REQUEST_TOKENS), expertise=req.expertise, production=req.commercial
    )


def shared(catalog: Catalog, today: dt.date, named_gpus: tuple[str, ...] = (), policy: Policy | None = None) -> Shared:
    """The shared state for runs over ``catalog`` as it stands on ``today`` (under ``policy``)."""
    cat = catalog.on(today)
    gpus = datacentre_gpus(cat.gpus, named_gpus)
    return Shared(catalog=cat, gpus=gpus, stats=boards(cat.models.values()), policy=policy)


def _policy_model(sh: Shared, m: Model, lic: License, today: dt.date) -> list[Reason]:
    if sh.policy is None:
        return []
    return [why("policy", f"policy {v.rule}: {v.fact}") for v in model_violations(sh.policy, m, lic, today)]


def _policy_way(sh: Shared, m: Model, opt: Option, req: Requirements, w: Workload) -> list[Reason]:
    """The policy rules one way of running ``m`` breaks, as exclusion reasons."""
    if sh.policy is None or opt.host is None:
        return []
    price: float | None
    if opt.offering is not None and opt.deployment.mode == "per-token":
        price = blended_price(opt.offering, w)
        way = Way(host=opt.host, kind=opt.deployment.kind, offering=opt.offering)
    else:  # self-hosting: its all-in cost per million tokens at this volume
        price = PRICE_UNCHECKED if w.tokens <= 0 or opt.cost is None else opt.cost / (w.tokens / 1e6)
        way = Way(host=opt.host, kind="self-hosted")
    if price is not None and price != PRICE_UNCHECKED:
        price = round(price, 4)
    found = way_violations(sh.policy, m, way, sensitivity=req.sensitivity, usd_per_mtok=price)
    return [why("policy", f"policy {v.rule}: {v.fact}") for v in found]


def recommend(
    catalog: Catalog,
    req: Requirements,
    *,
    today: dt.date,
    assumptions: CostAssumptions | None = None,
    top: int = 5,
    named_gpus: tuple[str, ...] = (),
    what_if: bool = True,
    policy: Policy | None = None,
) -> Advice:
    """Rank every model in the catalogue against the requirements, as the catalogue stands on
    ``today``: prices in force and life cycles on that day.  With ``what_if``, also find what
    would change the answer (``flips``) and, for ``none``, the constraint to relax
    (``binding``), by re-running the ranking for other answers.  A ``policy`` is a set of hard
    constraints that no what-if answer relaxes."""
    sh = shared(catalog, today, named_gpus, policy)
    a = assumptions or default_assumptions(req)
    ranked = rank(sh, req, today, a, top)

    def run(other: Requirements) -> Ranked:
        return rank(sh, other, today, assumptions or default_assumptions(other), VERDICT_DEPTH, light=True)

    plan = ranked.plan
    flips = find_flips(req, ranked, run) if what_if else []
    binding = find_binding(req, ranked, run) if what_if and ranked.verdict == "none" else None
    summary = ranked.summary
    if binding is not None:
        summary = binding_summary(binding)
    elif what_if and ranked.verdict == "none":
        summary = summary.rstrip(".") + "; no single change to the answers, nor any two, brings options back."
    return Advice(
        today=today,
        requirements=req,
        verdict=ranked.verdict,
        summary=summary,
        open=ranked.open[:top],
        closed=ranked.closed[:top],
        excluded=ranked.excluded,
        assumptions=[line for line in [compliance_assumption(req)] if line]
        + ([CASCADE_ASSUMPTION] if plan is not None and plan.kind == "cascade" else [])
        + _cost_assumption_lines(a),
        plan=plan,
        flips=flips,
        binding=binding,
    )


def _quality(sh: Shared, m: Model, req: Requirements) -> Quality:
    key = (m.id, req.use_case, req.modalities)
    q = sh.quality.get(key)
    if q is None:
        q = sh.quality[key] = task_quality(m, req.use_case, req.modalities, sh.stats)
    return q


def _configs_shared(sh: Shared, m: Model, w: Workload, a: CostAssumptions, w0: Workload | None = None) -> list[Config]:
    """GPU configurations read the workload's mix, not its volume: one sizing serves every
    volume a what-if run tries (``w0``: the mix at volume 0, the key)."""
    key = (sizing_key(m), w0 or w.at(0), a)
    got = sh.configs.get(key)
    if got is None:
        got = sh.configs[key] = configs(m, sh.gpus, w, a)
    return got


def _fixed(sh: Shared, m: Model, lic: License, req: Requirements, today: dt.date) -> dict[str, tuple[float, str]]:
    key = (m.id, req.use_case, req.modalities, req.commercial)
    got = sh.fixed.get(key)
    if got is None:
        got = sh.fixed[key] = model_rules(m, lic, req, today, _quality(sh, m, req))
    return got


def _hopeless(
    token_opts: list[Option], floors: dict[str, tuple[float, Gpu, int] | None], ways: set[str], budget: float
) -> bool:
    """No way to run the model that the hosting answer and the deadline allow costs at most
    ``budget`` (per-token prices as priced; self-hosting at its floor, which every plan costs
    at least)."""
    for o in token_opts:
        if way_of(o.deployment) in ways and (o.cost is None or o.cost <= budget):
            return False  # (an unknown price is excluded for its price: the full run says so)
    return not any(mode in ways and f is not None and f[0] <= budget for mode, f in floors.items())


def _floors_shared(
    sh: Shared, m: Model, table: list[FloorRow], a: CostAssumptions
) -> dict[str, tuple[float, Gpu, int] | None]:
    key = (sizing_key(m), a)
    got = sh.floors.get(key)
    if got is None:
        got = sh.floors[key] = self_hosting_floor(m, table, a)
    return got


def _sized_shared(sh: Shared, m: Model, w: Workload, a: CostAssumptions) -> Sized:
    key = (sizing_key(m), w, a)
    got = sh.sized.get(key)
    if got is None:
        cfgs = _configs_shared(sh, m, w, a)
        got = sh.sized[key] = Sized(cfgs=cfgs, plans=plan_self_hosting_modes(m, sh.gpus, w, a, cfgs=cfgs))
    return got


def _token_options_shared(sh: Shared, m: Model, w: Workload) -> list[Option]:
    key = (m.id, w)
    got = sh.token_opts.get(key)
    if got is None:
        got = sh.token_opts[key] = _token_options(m, sh.catalog, w)
    return got


def rank(sh: Shared, req: Requirements, today: dt.date, a: CostAssumptions, top: int, *, light: bool = False) -> Ranked:
    """One run: every model's best allowed way to run, scored, and the verdict.  A ``light``
    run (for what-if questions) gives the same verdict and leaders but skips the models that
    cannot reach them, so its exclusions are incomplete."""
    catalog = sh.catalog
    weights = rule_weights(req)
    keep = max(top, VERDICT_DEPTH)
    # The verdict reads the open side's leaders (a hybrid's option to move to is among them)
    # and only the closed side's first: a light run keeps no more.
    depth = {True: keep, False: 1 if light else keep}
    w = req.workload()
    w0 = w.at(0)
    gpus = sh.gpus
    scored: list[tuple[float, str, Model, License, Option, list[tuple[str, float, float, str]]]] = []
    excluded: list[Exclusion] = []
    over_budget: list[float] = []
    candidates = []
    table = sh.tables.get(a)
    if table is None:
        table = sh.tables[a] = floor_table(gpus, a)
    # Which models the answers rule out, and the best score each other could reach, read only
    # answers about the model (not the volume, budget, region, cloud or regimes): computed
    # once for the runs that share them.
    ckey = (
        req.time_to_market,
        req.sensitivity,
        req.context,
        req.modalities,
        req.commercial,
        req.hosting,
        req.customization,
        req.priority,
        req.use_case,
    )
    cached = sh.candidates.get(ckey)
    if cached is None or (cached[0] is None and not light):
        # A light run lists no exclusions, so it keeps none (a full run makes its own).
        excluded_models: list[Exclusion] | None = None if light else []
        for m in catalog.models.values():
            lic = catalog.licenses[m.license]
            reasons = model_exclusions(m, lic, req, today) + _policy_model(sh, m, lic, today)
            if reasons:
                if excluded_models is not None:
                    excluded_models.append(_exclusion(m.id, reasons))
            else:
                candidates.append((-_upper_bound(_fixed(sh, m, lic, req, today), weights), m.id, m, lic))
        # Best-possible first, so each side's top N fills early and models that cannot reach
        # it skip GPU sizing (unless sizing decides whether they are excluded at all).
        candidates.sort(key=lambda t: (t[0], t[1]))
        cached = sh.candidates[ckey] = (excluded_models, candidates)
    excluded.extend(cached[0] or [])
    leaders: dict[bool, list[tuple[float, str]]] = {True: [], False: []}
    ways = feasible_ways(req)
    for neg_ub, _, m, lic in cached[1]:
        side = leaders[m.open_weights]
        k = depth[m.open_weights]
        if len(side) >= k and (neg_ub, m.id) > side[k - 1] and (light or _runs_per_token(sh, m, w, req)):
            continue  # cannot make the list: nothing to show (a light run lists no exclusions)
        token_opts = _token_options_shared(sh, m, w)
        floors = _floors_shared(sh, m, table, a) if m.open_weights else {}
        if light and _hopeless(token_opts, floors, ways, req.budget):
            continue  # no way the answers allow is within the budget: excluded, reasons unneeded
        sized = any(f is not None and f[0] <= req.budget for f in floors.values())
        if sized:
            opts = token_opts + _self_hosted_options(m, catalog, _sized_shared(sh, m, w, a))
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
        for opt in opts:
            problems = placement_exclusions(m, opt, req) + _policy_way(sh, m, opt, req, w)
            budget = budget_exclusion(opt, req)
            if budget:
                if not problems and opt.cost is not None:
                    over_budget.append(opt.cost)
                problems.append(budget)
            if problems:
                why_not.extend(problems)
                continue
            score, rows = score_raw(m, lic, opt, req, today, weights, None, _fixed(sh, m, lic, req, today))
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
        del side[k:]

    scored.sort(key=lambda t: (-t[0], t[1]))

    def break_even(m: Model) -> int | None:
        """The volume above which self-hosting ``m`` beats its cheapest API, in the ways of
        paying for GPUs the hosting answer allows (only for what is shown: a model whose
        self-hosting was not sized because of the budget is sized now)."""
        if not m.open_weights:
            return None
        found = []
        for mode in ("rented-gpus", "owned-gpus"):
            if mode not in ALLOWED_WAYS[req.hosting]:
                continue
            key = (m.id, w0, a, mode)  # the break-even volume does not depend on the volume
            if key not in sh.break_even:
                cheapest = cheapest_offering(m, w)
                sh.break_even[key] = (
                    None
                    if cheapest is None
                    else break_even_tokens(_configs_shared(sh, m, w, a, w0), mode, cheapest[0], a)
                )
            b = sh.break_even[key]
            if b is not None:
                found.append(b)
        return min(found) if found else None

    # Objects (and their reasons and caveats) only for what is shown.
    policy_regimes = tuple(sh.policy.require_compliance) if sh.policy is not None else ()
    open_side = [
        _recommendation(
            m, lic, opt, sc, _trace(rows), req, break_even(m), today, catalog.gpus, _quality(sh, m, req), policy_regimes
        )
        for sc, _, m, lic, opt, rows in [t for t in scored if t[2].open_weights][:keep]
    ]
    closed_side = [
        _recommendation(
            m, lic, opt, sc, _trace(rows), req, break_even(m), today, catalog.gpus, _quality(sh, m, req), policy_regimes
        )
        for sc, _, m, lic, opt, rows in [t for t in scored if not t[2].open_weights][: depth[False]]
    ]

    def self_host_at(model_id: str, tokens: int) -> tuple[SelfHostPlan | None, float | None]:
        """The owned-GPU plan for ``model_id`` at ``tokens`` a month, and its cheapest API there."""
        m = sh.catalog.models[model_id]
        there = w.at(tokens)
        cheapest = cheapest_offering(m, there)
        return _sized_shared(sh, m, there, a).plans.get("owned-gpus"), (
            cheapest[0] * tokens / 1e6 if cheapest else None
        )

    # The verdict reads the same leaders whatever --top is: it only trims the lists.
    verdict, summary, plan = decide(open_side[:VERDICT_DEPTH], closed_side[:VERDICT_DEPTH], excluded, req, self_host_at)
    return Ranked(
        verdict=verdict,
        summary=summary,
        plan=plan,
        open=open_side,
        closed=closed_side,
        excluded=sorted(excluded, key=lambda e: e.model),
        over_budget=sorted(set(over_budget)),
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
