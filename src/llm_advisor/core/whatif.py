"""A hybrid verdict's plan, what would change the answer, and the constraint that binds.  Pure.

Everything here reads a ``Ranked`` (one run of the recommender) and, for the flips and the
binding constraint, a ``run`` callback that ranks again for other answers: a flip is only ever
reported after the re-run has shown it, so every claim holds when tried.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..requirements import CHOICES, HOSTING_ORDER, MAX_BUDGET, Requirements
from ..results import Binding, Exclusion, Flip, Plan, Recommendation, Relaxation, SelfHostPlan, Verdict
from ..units import fmt_count, fmt_usd

CASCADE_HARD_SHARE = 0.2
"""Share of requests a cascade sends on to the stronger model: an assumption (the share depends
on the work and on the check that decides), stated under the advice's assumptions."""
CASCADE_ASSUMPTION = (
    f"cascade plan: {CASCADE_HARD_SHARE:.0%} of requests assumed to need the stronger model;"
    " measure it on your own traffic before committing"
)
MAX_TOKENS = 10**18
"""The largest volume a requirement may state (as ``parse_count`` allows)."""
MAX_TRIES = 4
"""Candidate values tried per requirement and direction before giving up on a flip."""


@dataclass(frozen=True, slots=True)
class Ranked:
    """One run of the recommender: the verdict and what it rests on."""

    verdict: Verdict
    summary: str
    open: list[Recommendation]
    closed: list[Recommendation]
    excluded: list[Exclusion]
    over_budget: list[float]
    """Monthly costs of the ways to run a model that only the budget rules out, cheapest first."""
    plan: Plan | None = None
    """For a hybrid verdict, how to carry it out."""

    @property
    def top(self) -> Recommendation | None:
        """The first pick: the leader of the side the verdict names; for a hybrid, the
        higher-scoring leader (the cheaper on a tie)."""
        if self.verdict == "open" and self.open:
            return self.open[0]
        if self.verdict == "closed" and self.closed:
            return self.closed[0]
        leaders = self.open[:1] + self.closed[:1]
        return min(leaders, key=lambda r: (-r.score, r.monthly_cost_usd or 0.0, r.model)) if leaders else None

    def outcome(self) -> tuple[Verdict, str | None]:
        top = self.top
        return self.verdict, (top.model if top else None)


Run = Callable[[Requirements], Ranked]


# ---------------------------------------------------------------------------------------------
# The plan of a hybrid verdict
# ---------------------------------------------------------------------------------------------


VERDICT_MARGIN = 8.0
"""Score points by which one side must lead for a clear open or closed verdict."""
MOVE_FACTOR = 3
"""A closed lead becomes 'hybrid' (phase by volume) when self-hosting an open option pays off
within this multiple of the stated volume: start on the API, move as volume grows."""
CASCADE_PRICE_RATIO = 2.0
"""A cascade pays only when the stronger model costs at least this multiple of the cheaper."""

SelfHostAt = Callable[[str, int], tuple[SelfHostPlan | None, float | None]]
"""(model id, tokens a month) -> (its owned-GPU plan there, its cheapest API's cost there)."""


def _in_account(r: Recommendation) -> bool:
    return r.deployment.kind == "private-cloud" or r.deployment.mode != "per-token"


def _strength(r: Recommendation) -> float:
    """What the capability rule gave it: measured quality for the task, else its tier's."""
    return next((t.value for t in r.trace if t.rule == "capability"), 0.0)


def _where(r: Recommendation) -> str:
    return f"{r.name} on {r.deployment.describe()}"


def _line(r: Recommendation) -> str:
    return f"{r.name} {r.deployment.describe()} at {fmt_usd(r.monthly_cost_usd)}/month"


def route_plan(bo: Recommendation, bc: Recommendation, req: Requirements) -> Plan | None:
    """Route by sensitivity: for confidential or regulated data, when one leader keeps the data
    in the user's account or hardware and the other is a vendor API."""
    if req.sensitivity not in ("confidential", "regulated") or _in_account(bo) == _in_account(bc):
        return None
    inside, outside = (bo, bc) if _in_account(bo) else (bc, bo)
    return Plan(
        kind="route-by-sensitivity",
        summary=(
            f"Route by sensitivity: the most sensitive traffic to {_where(inside)}, which keeps it in your "
            f"account, and the rest to {_where(outside)}."
        ),
        steps=[
            f"Tag each request with its data class before it leaves your service ({req.sensitivity} and below).",
            f"Send the most sensitive class to {_where(inside)}: {fmt_usd(inside.monthly_cost_usd)}/month if it took all {fmt_count(req.tokens)} tokens.",
            f"Send the rest to {_where(outside)}: {fmt_usd(outside.monthly_cost_usd)}/month if it took all of it; each side costs in proportion to its share.",
            "Log which class went where: an auditor will ask.",
        ],
    )


def phase_plan(start: Recommendation, mv: Recommendation, req: Requirements, self_host_at: SelfHostAt) -> Plan:
    """Phase by volume: start on an API, self-host ``mv`` from its break-even volume."""
    switch = mv.break_even_tokens
    assert switch is not None
    steps = [
        f"Launch on {_where(start)}: {fmt_usd(start.monthly_cost_usd)}/month at your {fmt_count(req.tokens)} tokens.",
        f"Build and test self-hosted {mv.name} alongside it, and measure its quality on your traffic.",
        f"From {fmt_count(switch)} tokens a month, self-hosting {mv.name} costs less than its cheapest API: move traffic to it.",
    ]
    owned, api = self_host_at(mv.model, 2 * switch)
    if owned is not None and owned.capex_usd is not None and api is not None:
        from .cost_report import payback_months

        months = payback_months(owned, [api])
        if months is not None:
            steps.append(
                f"At {fmt_count(2 * switch)} tokens a month, buying its GPUs ({fmt_usd(owned.capex_usd)}) pays back in {months:g} months against the API."
            )
    return Plan(
        kind="phase-by-volume",
        summary=(
            f"Phase by volume: start on {_line(start)}; self-hosting open-weight {mv.name} costs less than its APIs "
            f"above {fmt_count(switch)} tokens a month (you plan {fmt_count(req.tokens)}), so move volume to it as you grow."
        ),
        steps=steps,
        switch_at_tokens=switch,
    )


def cascade_plan(bo: Recommendation, bc: Recommendation, req: Requirements) -> Plan | None:
    """A cascade: the cheaper leader takes every request and the stronger one the hard share,
    when the stronger is measured (or placed) higher and costs at least
    ``CASCADE_PRICE_RATIO`` times as much (per-token prices, so each share costs its part)."""
    if bo.monthly_cost_usd is None or bc.monthly_cost_usd is None:
        return None
    cheap, strong = sorted((bo, bc), key=lambda r: (r.monthly_cost_usd or 0.0, r.model))
    if _strength(strong) <= _strength(cheap) or strong.deployment.mode != "per-token":
        return None
    c, s = cheap.monthly_cost_usd or 0.0, strong.monthly_cost_usd or 0.0
    if c <= 0 or s < CASCADE_PRICE_RATIO * c:
        return None
    second = s * CASCADE_HARD_SHARE
    total = c + second
    qc = cheap.quality.score if cheap.quality else None
    qs = strong.quality.score if strong.quality else None
    quality = (
        f"measured quality {qc:.0f} against {qs:.0f} for {req.use_case}"
        if qc is not None and qs is not None
        else f"capability {_strength(cheap) * 100:.0f} against {_strength(strong) * 100:.0f}"
    )
    return Plan(
        kind="cascade",
        summary=(
            f"Cascade: {cheap.name} for most traffic, {strong.name} ({s / c:.0f}x the price) for the hard share: "
            f"{fmt_usd(total)}/month against {fmt_usd(s)} for {strong.name} alone."
        ),
        steps=[
            f"Send every request to {_where(cheap)} first: {fmt_usd(c)}/month.",
            f"Pass the requests it fails (a validator, low confidence, a user's retry) to {_where(strong)}: "
            f"at {CASCADE_HARD_SHARE:.0%} of the traffic that adds {fmt_usd(second)}/month.",
            f"Together {fmt_usd(total)}/month, against {fmt_usd(s)} for {strong.name} alone ({quality}).",
            "Measure the share that needs the stronger model on real traffic; above about half, use it alone.",
        ],
    )


def decide(
    open_side: list[Recommendation],
    closed_side: list[Recommendation],
    excluded: list[Exclusion],
    req: Requirements,
    self_host_at: SelfHostAt,
) -> tuple[Verdict, str, Plan | None]:
    """The verdict, its one-sentence summary, and for a hybrid the plan.  A hybrid is given
    only with a plan that pays for itself; scores within the margin without one go to the
    higher-scoring side, saying the other is close."""
    if not open_side and not closed_side:
        counts = Counter(k for e in excluded for k in e.constraints)
        common = ", ".join(f"{kind} ({n} models)" for kind, n in counts.most_common(3))
        return "none", f"No model meets every hard constraint; the constraints that excluded the most: {common}.", None
    bo = open_side[0] if open_side else None
    bc = closed_side[0] if closed_side else None
    if bc is None:
        assert bo is not None
        return "open", f"Open weights: only open-weight models meet your constraints; best is {_line(bo)}.", None
    if bo is None:
        return "closed", f"Closed API: no open-weight model meets your constraints; best is {_line(bc)}.", None
    diff = bo.score - bc.score
    movers = [
        r
        for r in open_side
        if r.break_even_tokens is not None and r.break_even_tokens <= MOVE_FACTOR * max(req.tokens, 1)
    ]
    if diff >= VERDICT_MARGIN:
        return (
            "open",
            f"Open weights: {_line(bo)} scores {bo.score:.0f} against {bc.score:.0f} for the best closed option ({bc.name}).",
            None,
        )
    if diff <= -VERDICT_MARGIN:
        if movers:
            phased = phase_plan(bc, movers[0], req, self_host_at)
            return "hybrid", "Hybrid: " + phased.summary[len("Phase by volume: ") :], phased
        return (
            "closed",
            f"Closed API: {_line(bc)} scores {bc.score:.0f} against {bo.score:.0f} for the best open option ({bo.name}).",
            None,
        )
    plan = route_plan(bo, bc, req)
    if plan is None and movers and bc.score >= bo.score and bc.deployment.mode == "per-token":
        plan = phase_plan(bc, movers[0], req, self_host_at)
    if plan is None:
        plan = cascade_plan(bo, bc, req)
    if plan is not None:
        return "hybrid", f"Hybrid ({bo.score:.0f} open, {bc.score:.0f} closed). {plan.summary}", plan
    lead, other = (
        (bo, bc) if (diff, -(bo.monthly_cost_usd or 0.0)) >= (0.0, -(bc.monthly_cost_usd or 0.0)) else (bc, bo)
    )
    side: Verdict = "open" if lead is bo else "closed"
    label = "Open weights" if side == "open" else "Closed API"
    return (
        side,
        (
            f"{label}: {_line(lead)} scores {lead.score:.0f}, {other.name} {other.score:.0f}; "
            f"either meets your constraints, and splitting traffic between them would not pay for itself."
        ),
        None,
    )


# ---------------------------------------------------------------------------------------------
# What would change the answer
# ---------------------------------------------------------------------------------------------


def _nice_up(x: float) -> int:
    """``x`` rounded up to two significant figures (0 for what no count can be)."""
    if not 0 < x <= MAX_TOKENS:
        return 0
    digits = 10 ** max(0, math.floor(math.log10(x)) - 1)
    return int(math.ceil(x / digits) * digits)


def _nice_down(x: float) -> int:
    if not 0 < x <= MAX_TOKENS:
        return 0
    digits = 10 ** max(0, math.floor(math.log10(x)) - 1)
    return int(math.floor(x / digits) * digits)


def _flip(req: Requirements, name: str, value: Any, run: Run, base: tuple[Verdict, str | None]) -> Flip | None:
    """The flip ``name = value`` gives, if re-running shows it changes the outcome."""
    other = run(replace(req, **{name: value}))
    got = other.outcome()
    if got == base:
        return None
    shown = list(value) if isinstance(value, tuple) else value
    return Flip(requirement=name, value=shown, verdict=got[0], top=got[1])


def _first(req: Requirements, name: str, values: list[Any], run: Run, base: tuple[Verdict, str | None]) -> Flip | None:
    seen = {getattr(req, name)}
    for value in values:
        if value in seen:
            continue
        seen.add(value)
        flip = _flip(req, name, value, run, base)
        if flip is not None:
            return flip
    return None


def _choice_values(req: Requirements, name: str, order: tuple[str, ...]) -> list[list[str]]:
    """The other values of a choice answer nearest first, each direction apart."""
    i = order.index(getattr(req, name))
    return [list(order[i + 1 :]), list(reversed(order[:i]))]


def find_flips(req: Requirements, ranked: Ranked, run: Run) -> list[Flip]:
    """For tokens, budget, sensitivity, hosting and time to market (and the cloud, the region
    and the compliance regimes when given), the nearest value in each direction that changes
    the verdict or the first pick, each shown by a re-run."""
    base = ranked.outcome()
    out: list[Flip] = []
    # Volume: where the first pick's cost meets the budget, the break-even volumes of the open
    # options, then a geometric ladder.
    top = ranked.top
    ups: list[int] = []
    if top is not None and top.monthly_cost_usd and top.deployment.mode == "per-token" and req.tokens > 0:
        ups.append(_nice_up(req.tokens * req.budget / top.monthly_cost_usd * 1.01))
    ups += sorted(
        _nice_up(r.break_even_tokens) for r in ranked.open if r.break_even_tokens and r.break_even_tokens > req.tokens
    )
    ups += [_nice_up(req.tokens * f) for f in (3, 10, 100)] if req.tokens > 0 else [1_000_000, 100_000_000]
    downs = sorted(
        (
            _nice_down(r.break_even_tokens)
            for r in ranked.open
            if r.break_even_tokens and r.break_even_tokens < req.tokens
        ),
        reverse=True,
    ) + [_nice_down(req.tokens / f) for f in (3, 10, 100)]
    for values in (
        sorted({v for v in ups if req.tokens < v <= MAX_TOKENS})[:MAX_TRIES],
        [v for v in dict.fromkeys(downs) if 0 < v < req.tokens][:MAX_TRIES],
    ):
        flip = _first(req, "tokens", values, run, base)
        if flip is not None:
            out.append(flip)
    # Budget: just below the first pick's cost; up to the cheapest ways only the budget excludes.
    if top is not None and top.monthly_cost_usd is not None and top.monthly_cost_usd > 0:
        below = math.ceil(top.monthly_cost_usd) - 1 if top.monthly_cost_usd >= 2 else round(top.monthly_cost_usd / 2, 2)
        flip = _first(req, "budget", [float(max(below, 0))], run, base)
        if flip is not None:
            out.append(flip)
    raises = [float(math.ceil(c)) for c in ranked.over_budget if req.budget < c <= MAX_BUDGET]
    flip = _first(req, "budget", sorted(set(raises))[:MAX_TRIES], run, base)
    if flip is not None:
        out.append(flip)
    for name, order in (
        ("sensitivity", CHOICES["sensitivity"]),
        ("hosting", HOSTING_ORDER),
        ("time_to_market", CHOICES["time_to_market"]),
    ):
        for choices in _choice_values(req, name, order):
            flip = _first(req, name, list(choices), run, base)
            if flip is not None:
                out.append(flip)
    if req.cloud != "any":
        flip = _first(req, "cloud", ["any"], run, base)
        if flip is not None:
            out.append(flip)
    if req.region != "any":
        flip = _first(req, "region", ["any"], run, base)
        if flip is not None:
            out.append(flip)
    if req.compliance:
        flip = _first(req, "compliance", [()], run, base)
        if flip is not None:
            out.append(flip)
    return out


# ---------------------------------------------------------------------------------------------
# The binding constraint of a `none` verdict
# ---------------------------------------------------------------------------------------------

RELAXABLE = ("budget", "time_to_market", "context", "cloud", "hosting", "region", "compliance", "sensitivity")
"""Answers a `none` verdict may be relaxed along (tokens are a fact, not a constraint), in the
order ties go: a deadline or a budget moves more easily than a rule that protects data."""
STEP_COST = {
    "time_to_market": 1.0,
    "context": 1.0,
    "cloud": 1.0,
    "hosting": 2.0,
    "region": 2.0,
    "compliance": 3.0,
    "sensitivity": 3.0,
}
"""The distance of one step along each answer (a budget's is log2 of its factor): relaxing how
data is protected counts more than moving a deadline."""


def _relaxations(req: Requirements, ranked: Ranked) -> list[tuple[float, str, Any]]:
    """(distance, requirement, relaxed value), nearest first: one step along a choice's order
    counts 1; a budget counts log2 of its factor (doubling it is one step)."""
    out: list[tuple[float, str, Any]] = []
    for cost in sorted({math.ceil(c) for c in ranked.over_budget if req.budget < c <= MAX_BUDGET})[:1]:
        out.append((math.log2(cost / req.budget) if req.budget > 0 else 1.0, "budget", float(cost)))
    for name, order in (
        ("hosting", HOSTING_ORDER),
        ("sensitivity", CHOICES["sensitivity"]),
        ("time_to_market", CHOICES["time_to_market"]),
    ):
        i = order.index(getattr(req, name))
        values = reversed(order[:i]) if name != "time_to_market" else order[i + 1 :]
        for step, value in enumerate(values, start=1):
            out.append((step * STEP_COST[name], name, value))
    if req.compliance:
        for drop in req.compliance:
            out.append((STEP_COST["compliance"], "compliance", tuple(r for r in req.compliance if r != drop)))
    if req.cloud != "any":
        out.append((STEP_COST["cloud"], "cloud", "any"))
    if req.region != "any":
        out.append((STEP_COST["region"], "region", "any"))
    ctx = sorted({e for e in (8_000, 32_000, 128_000, 1_000_000) if e < req.context}, reverse=True)
    for step, window in enumerate(ctx, start=1):
        out.append((step * STEP_COST["context"], "context", window))
    return sorted(out, key=lambda t: (t[0], RELAXABLE.index(t[1])))


def _shown(value: Any) -> int | float | str | list[str]:
    return list(value) if isinstance(value, tuple) else value


def _raise_budget(req: Requirements, ranked: Ranked, run: Run, tries: int = 6) -> tuple[float, Ranked] | None:
    """The least budget (of those the runs show) that brings options back: the cheapest way
    only the budget rules out, re-run; a lower bound's true cost shows in the next run."""
    budget, current = req.budget, ranked
    for _ in range(tries):
        costs = [c for c in current.over_budget if budget < c <= MAX_BUDGET]
        if not costs:
            return None
        budget = float(math.ceil(min(costs)))
        current = run(replace(req, budget=budget))
        if current.verdict != "none":
            return budget, current
    return None


def _budget_distance(old: float, new: float) -> float:
    return math.log2(new / old) if old > 0 else 1.0


def find_binding(req: Requirements, ranked: Ranked, run: Run) -> Binding | None:
    """The nearest single relaxation (by ``_relaxations``' distance) that brings options back,
    shown by a re-run; when none alone does, the nearest pair (a relaxation, then the nearest
    one the re-run shows is still needed).  None when no pair does either."""
    singles = [t for t in _relaxations(req, ranked) if t[1] != "budget"][:12]
    raised = _raise_budget(req, ranked, run)
    found: list[tuple[float, str, Any]] = []
    if raised is not None:
        found.append((_budget_distance(req.budget, raised[0]), "budget", raised[0]))
    runs = []
    for dist, name, value in singles:
        if found and dist >= found[0][0]:
            break
        relaxed = replace(req, **{name: value})
        other = run(relaxed)
        if other.verdict != "none":
            found.append((dist, name, value))
            break
        runs.append((dist, name, value, relaxed, other))
    if found:
        _, name, value = min(found, key=lambda t: (t[0], RELAXABLE.index(t[1])))
        return Binding(constraint=name, relax_to=_shown(value))
    best: tuple[float, str, Any, str, Any] | None = None
    seen: set[str] = set()
    for dist, name, value, relaxed, other in runs:
        if name in seen:
            continue  # only the nearest step of each answer starts a pair
        seen.add(name)
        more = _raise_budget(relaxed, other, run)
        if more is not None and (best is None or dist + _budget_distance(req.budget, more[0]) < best[0]):
            best = (dist + _budget_distance(req.budget, more[0]), name, value, "budget", more[0])
        for dist2, name2, value2 in _relaxations(relaxed, other)[:4]:
            if name2 in (name, "budget"):
                continue
            if best is not None and dist + dist2 >= best[0]:
                break
            if run(replace(relaxed, **{name2: value2})).verdict != "none":
                best = (dist + dist2, name, value, name2, value2)
                break
    if best is None:
        return None
    _, name, value, name2, value2 = best
    return Binding(constraint=name, relax_to=_shown(value), also=Relaxation(constraint=name2, relax_to=_shown(value2)))


def answer_words(name: str, value: Any) -> str:
    """An answer as a phrase: 'a budget of $82.00/month', '60M tokens a month', 'time to
    market months'."""
    if name == "tokens" and isinstance(value, int):
        return f"{fmt_count(value)} tokens a month"
    if name == "budget" and isinstance(value, int | float):
        return f"a budget of {fmt_usd(value)}/month"
    if isinstance(value, list):
        return f"compliance {', '.join(value) or 'none'}"
    if name == "context" and isinstance(value, int):
        return f"a {fmt_count(value)} context window"
    return f"{name.replace('_', ' ')} {value}"


def binding_summary(binding: Binding) -> str:
    name = binding.constraint.replace("_", " ")
    first = answer_words(binding.constraint, binding.relax_to)
    if binding.also is None:
        return f"No model meets every hard constraint; the binding one is {name}: with {first}, options come back."
    second = answer_words(binding.also.constraint, binding.also.relax_to)
    return (
        f"No model meets every hard constraint; the binding one is {name}: with {first}"
        f" and {second}, options come back (no single change is enough)."
    )
