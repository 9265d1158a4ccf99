"""What the library answers: advice, cost reports, comparisons, name resolutions and price
checks.  Typed records (frozen dataclasses), built by the pure core and drawn by ``render``;
``catalog.export.json_data`` turns any of them into the JSON the command line prints, field by
field in this order."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Literal

from .base import record
from .records import CommercialUse, Model, OfferingKind
from .requirements import CostAssumptions, Requirements

Mode = Literal["per-token", "rented-gpus", "owned-gpus"]
Verdict = Literal["open", "closed", "hybrid", "none"]
How = Literal["id", "alias", "family", "near-miss"]


def describe_deployment(host: str, kind: str, mode: str, gpu: str | None, gpus: int | None) -> str:
    """'openai-api (vendor-api)', 'self-hosted on 2x h100-sxm (rented)'."""
    if mode == "per-token":
        return f"{host} ({kind})"
    where = "rented" if mode == "rented-gpus" else "owned"
    return f"self-hosted on {gpus}x {gpu} ({where})"


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


@record
class Resolution:
    """How a name typed by a user was matched to a model."""

    query: str
    """The name as typed."""
    model: Model
    """The model it resolved to."""
    how: How
    """What matched: the id, an alias, a family (its flagship) or a near miss."""
    note: str | None = None
    """What a person should be told about the match (the family's flagship, did-you-mean)."""


# ---------------------------------------------------------------------------------------------
# recommend
# ---------------------------------------------------------------------------------------------


@record
class Deployment:
    """How a recommended model would run."""

    host: str
    kind: OfferingKind
    mode: Mode
    gpu: str | None = None
    gpus: int | None = None

    def describe(self) -> str:
        return describe_deployment(self.host, self.kind, self.mode, self.gpu, self.gpus)


@record
class RuleResult:
    """One soft rule's verdict on one option."""

    rule: str
    weight: float
    value: float
    points: float
    reason: str


@record
class LicenseSummary:
    """The licence a recommendation runs under."""

    id: str
    name: str
    commercial_use: CommercialUse


@record
class LifecycleSummary:
    """Where a recommended model stands: its status, announced shutdown and successor."""

    status: Literal["active", "deprecated", "retired"]
    shutdown: dt.date | None = None
    successor: str | None = None
    preview: bool = False
    """A pre-GA release (or served as one by this option's host)."""


@record
class QualityPoint:
    """One measured score behind a quality figure."""

    benchmark: str
    value: float
    source: str
    as_of: dt.date
    rank: int
    """Its place among the catalogue's models on the same board and snapshot (1 = best)."""
    of: int
    """How many of the catalogue's models that board and snapshot measures."""
    component: float
    """Its contribution, 0-100: an arena score as twice its share of votes against the best,
    a percentage as a share of the best."""


@record
class Quality:
    """Measured quality for the task asked about: the mean of its components (None when no
    independent score measures the model on the task's boards) and the scores behind it."""

    score: float | None
    basis: list[QualityPoint]


@record
class Recommendation:
    """One model, the way it would run, its score and cost, and why."""

    model: str
    name: str
    lab: str
    open_weights: bool
    score: float
    deployment: Deployment
    monthly_cost_usd: float | None
    context: int
    license: LicenseSummary
    reasons: list[str]
    caveats: list[str]
    trace: list[RuleResult]
    break_even_tokens: int | None = None
    cost_breakdown: dict[str, float] | None = None
    """USD amounts that add up to ``monthly_cost_usd``, with at least ``staff_usd`` (None when
    the cost is unknown)."""
    lifecycle: LifecycleSummary | None = None
    quality: Quality | None = None
    """Measured quality for the use case, with its basis."""


@record
class Exclusion:
    """A model no way of running meets the hard constraints, and why."""

    model: str
    reasons: list[str]
    constraints: list[str] = field(default_factory=list)
    """The kinds of hard constraint behind the reasons (budget, hosting, context window, ...)."""


@record
class Plan:
    """How a hybrid verdict is carried out: which traffic goes where, and when to switch."""

    kind: Literal["route-by-sensitivity", "phase-by-volume", "cascade"]
    summary: str
    steps: list[str]
    switch_at_tokens: int | None = None
    """For phase-by-volume: the monthly volume from which self-hosting costs less."""


@record
class Flip:
    """One answer that changes the advice: the nearest value of ``requirement`` that changes
    the verdict or the first pick, and what they become (found by re-running the recommender)."""

    requirement: str
    value: int | float | str | list[str]
    verdict: Verdict
    top: str | None
    """The first pick under that value (None when nothing is left)."""


@record
class Relaxation:
    """One answer relaxed: the requirement and its new value."""

    constraint: str
    relax_to: int | float | str | list[str]


@record
class Binding:
    """For a ``none`` verdict: the one constraint whose nearest relaxation brings options back."""

    constraint: str
    relax_to: int | float | str | list[str]
    """The relaxed value (e.g. the budget that would be enough)."""
    also: Relaxation | None = None
    """When no single relaxation is enough: the second one needed with it (None otherwise)."""


@record
class Advice:
    """The answer of ``recommend``: the verdict, each side's options best first, the exclusions."""

    today: dt.date
    """The day the advice is for: prices, life cycles and staleness as of then."""
    requirements: Requirements
    verdict: Verdict
    summary: str
    open: list[Recommendation]
    closed: list[Recommendation]
    excluded: list[Exclusion]
    assumptions: list[str]
    plan: Plan | None = None
    """For a hybrid verdict, how to carry it out."""
    flips: list[Flip] = field(default_factory=list)
    """What would change the answer."""
    binding: Binding | None = None
    """For a ``none`` verdict, the constraint to relax first."""


# ---------------------------------------------------------------------------------------------
# cost
# ---------------------------------------------------------------------------------------------


@record
class OptionCost:
    """One way to run a model and its monthly cost at the stated volume."""

    kind: OfferingKind
    host: str
    mode: Mode
    monthly_cost_usd: float | None
    input: float | None = None
    output: float | None = None
    gpu: str | None = None
    gpus: int | None = None
    note: str | None = None
    cost_breakdown: dict[str, float] | None = None
    """USD amounts that add up to ``monthly_cost_usd`` (api_usd, gpu_rental_usd, hardware_usd,
    power_usd, staff_usd); None when the cost is unknown."""


@record
class Sizing:
    """One replica of a model on one GPU type: memory, batch and throughput."""

    quantization: str
    """The weights' precision: bf16, fp8, mxfp4, ... (the model's native one unless asked)."""
    weights_gb: float
    kv_cache_gb: float
    """KV cache of every sequence in flight at its full length."""
    kv_estimated: bool
    """True when the model's attention layout is unpublished and the KV cache is a bound."""
    vram_gb: float
    """Weights, KV cache and the engine's per-GPU reserve."""
    gpu: str
    gpu_memory_gb: float
    gpus_per_replica: int
    servers_per_replica: int
    batch: int
    """Sequences decoded at once for interactive traffic (memory, the batch limit and the
    per-stream speed allow)."""
    stream_tokens_per_s: float
    """Output tokens per second each interactive stream sees."""
    decode_tokens_per_s: float
    """Output tokens per second one replica serves at that batch."""
    prefill_tokens_per_s: float
    """Prompt tokens per second one replica reads."""
    capacity_tokens_per_month: int
    """Tokens (at the stated mix) one replica serves a month at the stated utilisation."""


@record
class SelfHostPlan:
    """The GPUs a volume needs and what they cost, rented or owned, people included."""

    sizing: Sizing
    replicas: int
    gpus: int
    servers: int
    mode: Literal["rented-gpus", "owned-gpus"]
    monthly_cost_usd: float
    """All in: GPUs (rented, or owned: written off, servers and power) and staff."""
    cost_per_replica_usd: float
    """Monthly cost of one always-on replica's hardware, staff aside."""
    cost_breakdown: dict[str, float]
    """USD amounts that add up to ``monthly_cost_usd``."""
    staff_fte: float
    """Engineers' time the deployment takes, in full-time equivalents."""
    low_usd: float | None = None
    """The same plan at the lowest published rental price (rented plans)."""
    capex_usd: float | None = None
    """What the GPUs and servers cost to buy (owned plans)."""


@record
class PlanCost:
    """A self-hosting plan as the cost report shows it: sizing, GPUs, prices and break-even."""

    mode: Literal["rented-gpus", "owned-gpus"]
    quantization: str
    weights_gb: float
    kv_cache_gb: float
    kv_cache_estimated: bool
    vram_gb: float
    gpu: str
    gpu_name: str
    gpu_memory_gb: float
    gpus_per_replica: int
    servers_per_replica: int
    replicas: int
    gpus: int
    servers: int
    batch: int
    stream_tokens_per_s: float
    decode_tokens_per_s: float
    prefill_tokens_per_s: float
    capacity_tokens_per_month: int
    cost_per_replica_usd: float
    monthly_cost_usd: float
    cost_breakdown: dict[str, float]
    staff_fte: float
    hourly_usd: float | None
    """The typical (median) on-demand price per GPU-hour."""
    hourly_low_usd: float | None
    """The lowest on-demand price a provider publishes."""
    hourly_providers: list[str]
    """Who quotes the rental prices."""
    low_usd: float | None
    """The plan's monthly cost at the lowest rental price."""
    purchase_usd: float | None
    capex_usd: float | None
    payback_months: float | None
    """Owned: months until buying beats the cheaper of renting and the cheapest API (None if it
    never does)."""
    break_even_tokens: int | None
    """Monthly volume above which this plan costs less than the cheapest API offering."""


@record
class CheapestApi:
    """The cheapest per-token offering, at the report's output share."""

    host: str
    kind: OfferingKind
    blended_usd_per_mtok: float


@record
class CostChart:
    """Monthly cost against monthly volume: the volumes, and one series per way to run."""

    volumes: list[int]
    series: dict[str, list[float | None]]


@record
class CostReport:
    """The answer of ``cost_report``: every way to run a model at a volume, on a day."""

    today: dt.date
    model: str
    name: str
    open_weights: bool
    tokens: int
    output_share: float
    options: list[OptionCost]
    """Cheapest first; unknown prices last."""
    self_hosting: PlanCost | None
    """On rented GPUs; None for closed models or when no GPU fits."""
    owned_hardware: PlanCost | None
    cheapest_api: CheapestApi | None
    break_even_tokens: int | None
    """Monthly volume above which rented GPUs cost less than the cheapest API offering."""
    break_even_owned_tokens: int | None
    assumptions: CostAssumptions
    chart: CostChart
    notes: list[str]


# ---------------------------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------------------------


@record
class Row:
    """One dimension of a comparison: a value per model, and which are best (column indexes)."""

    group: str
    label: str
    values: list[str]
    best: tuple[int, ...] = ()


@record
class Comparison:
    """The answer of ``compare``: the models as resolved, and one row per dimension."""

    today: dt.date
    resolved: list[Resolution]
    rows: list[Row]


# ---------------------------------------------------------------------------------------------
# catalog audit
# ---------------------------------------------------------------------------------------------


@record
class PriceDifference:
    """One day on which the catalogue and the price source disagree."""

    date: str
    catalog_input: float | None
    catalog_output: float | None
    source_input: float | None
    source_output: float | None


@record
class PriceCheck:
    """One priced offering checked against the price source."""

    model: str
    host: str
    price_ref: str | None
    status: Literal["same", "changed", "missing", "unchecked"]
    """'missing': the ref is not in the source; 'unchecked': the offering has no ref."""
    catalog_input: float | None
    """The catalogue's price in force on the audit's day (``today``)."""
    catalog_output: float | None
    source_input: float | None = None
    """The source's price on the audit's day."""
    source_output: float | None = None
    catalog_as_of: str | None = None
    dates_checked: tuple[str, ...] = ()
    """Every day compared: each day the catalogue states a price for, and each later day on
    which the source has the price change."""
    differences: tuple[PriceDifference, ...] = ()


# ---------------------------------------------------------------------------------------------
# Policy checks
# ---------------------------------------------------------------------------------------------


@record
class Violation:
    """One way a model (or one way of running it) breaks a policy rule, and the fact behind it."""

    model: str
    host: str | None
    """The host of the way to run that breaks the rule ('self' for self-hosting); None for a
    rule about the model itself (its licence, lab or life cycle)."""
    rule: str
    """The policy key broken (``deny_hosts``, ``deny_license_conditions``, ...)."""
    fact: str
    """The catalogue fact that breaks it, in words."""
    source: str
    """Where the fact was read (the contract's source grammar)."""


@record
class Checked:
    """One model (or model@host) checked against a policy."""

    query: str
    model: str
    host: str | None
    """The host asked about, or None for the model by any way to run."""
    violations: int
    allowed: list[str] = field(default_factory=list)
    """The hosts ('self' for self-hosting) through which the policy allows the model."""


@record
class PolicyCheck:
    """What ``llm-advisor check`` finds."""

    today: dt.date
    violations: list[Violation]
    checked: list[Checked]
