"""The catalogue's types: models, offerings, hosts, licences, GPUs, labs.

Only types live here: no I/O, no Rich, no Typer.  Every catalogue field carries a docstring,
which becomes its description in the JSON Schema (``llm-advisor catalog schema`` reads them
from this file's source; pydantic's ``use_attribute_docstrings`` would do the same on every
start-up at twice the import cost).

A fact nobody has published is ``None`` (the key is simply left out of the TOML file), never a
guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace
from typing import Annotated, Literal

from .base import Bounds, Length, Pattern, record

# ---------------------------------------------------------------------------------------------
# Shared building blocks
# ---------------------------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Slug = Annotated[str, Pattern(SLUG_PATTERN, max=80)]
"""Lower-case identifier: letters, digits, '.', '_' and '-'."""

# Numbers carry sanity bounds a few orders of magnitude beyond any real value: they catch a
# typo (70e9 for 70) and keep every computed cost and throughput finite, so JSON output never
# holds Infinity or NaN (a property test draws values across these whole ranges).

UsdPerMTok = Annotated[float, Bounds(ge=0, le=100_000)]
"""US dollars per million tokens (list prices today are below $1,000)."""

Billions = Annotated[float, Bounds(ge=0.001, le=100_000)]
"""A parameter count in billions: from one million to 100 trillion."""

MAX_CONTEXT = 1_000_000_000
TokenCount = Annotated[int, Bounds(gt=0, le=MAX_CONTEXT)]
"""A number of tokens, up to one billion."""

Source = Annotated[str, Length(min=3)]
"""A URL or a precise reference (repository@commit path, package version and key)."""

Modality = Literal["text", "image", "audio", "video"]
UseCase = Literal["general", "chat", "coding", "rag", "agents", "summarization", "extraction"]
OfferingKind = Literal["vendor-api", "private-cloud", "self-hosted"]
Region = Literal["us", "eu", "uk", "asia", "global", "cn", "other"]


# ---------------------------------------------------------------------------------------------
# Licences
# ---------------------------------------------------------------------------------------------


CommercialUse = Literal["yes", "conditional", "no"]


@record
class License:
    """A licence or terms of service under which a model may be used."""

    id: Slug = ""
    """Licence id: the table name in licenses.toml."""
    name: str
    """Full name of the licence, with its version or date."""
    spdx: str | None = None
    """SPDX identifier where one exists (Apache-2.0, MIT); absent for custom licences."""
    open_weights: bool
    """True for licences under which weights are published; false for API terms of service."""
    commercial_use: CommercialUse
    """'yes', 'conditional' (allowed subject to conditions below) or 'no' (research only)."""
    conditions: list[str] = field(default_factory=list)
    """Conditions that matter to a business, in plain words, each one sentence."""
    mau_limit: Annotated[int, Bounds(ge=0, le=10**12)] | None = None
    """Monthly active users above which a separate licence is needed (Llama: 700M)."""
    revenue_limit_usd: Annotated[int, Bounds(ge=0, le=10**15)] | None = None
    """Monthly revenue, US dollars, above which the grant changes (a separate licence, a duty to
    display the model's name, or no rights at all); the conditions say which."""
    restricts_output_training: bool = False
    """True when outputs may not be used to improve other models."""
    restricts_hosting: bool = False
    """True when offering the model as a hosted service to third parties needs extra permission."""
    restricts_eu: bool = False
    """True when the licence withholds rights from EU-domiciled licensees (Llama 4 multimodal)."""
    has_use_policy: bool = False
    """True when an acceptable-use or prohibited-use policy is part of the licence."""
    url: str | None = None
    """Where the licence text is published."""
    sources: Annotated[list[Source], Length(min=1)]
    """Where these facts were read."""


# ---------------------------------------------------------------------------------------------
# GPUs
# ---------------------------------------------------------------------------------------------


Commitment = Literal["on-demand", "reserved", "spot", "unstated"]


@record
class RentalQuote:
    """One provider's published price for renting one of these GPUs."""

    provider: str
    """Who rents it out (AWS, Lambda, CoreWeave, RunPod, ...)."""
    usd_per_hour: Annotated[float, Bounds(ge=0, le=100_000)]
    """USD per GPU-hour (an 8-GPU node's price divided by 8)."""
    date: dt.date
    """When the price was read or published."""
    source: Source
    """The provider's pricing page, or a dated comparison that names it."""
    commitment: Commitment = "on-demand"
    """'on-demand' (by the hour, no commitment), 'reserved' (a term contract), 'spot'
    (interruptible), or 'unstated' (the source does not say; not used as a rental price)."""


Interconnect = Literal["nvlink", "infinity-fabric", "pcie"]


@record
class Gpu:
    """An accelerator people rent or buy to serve models."""

    id: Slug = ""
    """GPU id: the table name in gpus.toml."""
    name: str
    """Product name and form factor."""
    vendor: str
    """Maker (NVIDIA, AMD)."""
    memory_gb: Annotated[float, Bounds(ge=0.1, le=100_000)]
    """Usable device memory in GB."""
    bandwidth_gbs: Annotated[float, Bounds(ge=1, le=1_000_000)]
    """Memory bandwidth in GB/s (bounds decode throughput)."""
    fp16_tflops: Annotated[float, Bounds(ge=0.01, le=1_000_000)] | None = None
    """Dense FP16/BF16 tensor throughput in TFLOPS, where published."""
    fp8: bool
    """Hardware FP8 support (compute capability 8.9 or later on NVIDIA)."""
    fp8_tflops: Annotated[float, Bounds(ge=0.01, le=1_000_000)] | None = None
    """Dense FP8 tensor throughput in TFLOPS, where published."""
    fp4_tflops: Annotated[float, Bounds(ge=0.01, le=1_000_000)] | None = None
    """Dense FP4 tensor throughput in TFLOPS (Blackwell, MI355X), where published."""
    consumer: bool = False
    """A consumer card (GeForce, Radeon): its driver licence may forbid data-centre use, it has
    no NVLink, and its street price is not its list price.  Planned only when named with --gpu."""
    interconnect: Interconnect | None = None
    """How GPUs of one server talk to each other: 'nvlink', 'infinity-fabric' or 'pcie'."""
    interconnect_gbs: Annotated[float, Bounds(ge=1, le=1_000_000)] | None = None
    """GPU-to-GPU bandwidth per GPU in GB/s, as the datasheet states it."""
    max_per_node: Annotated[int, Bounds(ge=1, le=1_024)] | None = None
    """GPUs in one standard server (8 on an HGX or MI300X platform)."""
    power_w: Annotated[float, Bounds(ge=1, le=1_000_000)]
    """Board power (TDP) in watts."""
    hourly_usd: Annotated[float, Bounds(ge=0, le=100_000)] | None = None
    """Typical on-demand rental price per GPU-hour in USD; prices vary 2-4x by provider."""
    hourly_source: Source | None = None
    """Where the rental price was read, with its date."""
    purchase_usd: Annotated[float, Bounds(ge=0, le=100_000_000)] | None = None
    """Typical purchase price per GPU in USD (street or launch price)."""
    purchase_source: Source | None = None
    """Where the purchase price was read, with its date."""
    rental: list[RentalQuote] = field(default_factory=list)
    """Published rental prices, one per provider and commitment: the range a team can expect."""
    node_usd: Annotated[float, Bounds(ge=0, le=100_000_000)] | None = None
    """Price of one server for ``max_per_node`` of these GPUs without the GPUs (chassis, CPUs,
    memory, network cards, storage), where published."""
    node_source: Source | None = None
    """Where the server price was read."""
    system_usd: Annotated[float, Bounds(ge=0, le=1_000_000_000)] | None = None
    """Price of a whole server with ``max_per_node`` of these GPUs in it (a DGX, an MI300X
    platform), where published."""
    system_source: Source | None = None
    """Where the system price was read."""
    node_power_w: Annotated[float, Bounds(ge=1, le=10_000_000)] | None = None
    """A whole server's maximum power in watts, GPUs included (DGX H100: 10,200 W)."""
    node_power_source: Source | None = None
    """Where the server's power was read."""
    sources: Annotated[list[Source], Length(min=1)]
    """Where the specifications were read."""
    as_of: dt.date
    """When these facts were last checked."""


# ---------------------------------------------------------------------------------------------
# Hosts
# ---------------------------------------------------------------------------------------------

HostKind = Literal["lab-api", "cloud-platform", "inference-host", "router", "self"]


@record
class Certifications:
    """Attestations a host holds for the service that serves models (None: unknown)."""

    soc2: bool | None = None
    """SOC 2 Type II report covers the service."""
    iso27001: bool | None = None
    """ISO/IEC 27001 certification covers the service."""
    hipaa_baa: bool | None = None
    """The host signs a HIPAA Business Associate Agreement for this service."""
    gdpr_dpa: bool | None = None
    """A GDPR data-processing addendum is offered."""
    fedramp: str | None = None
    """FedRAMP level (Moderate, High) where authorised."""
    pci_dss: bool | None = None
    """A PCI DSS attestation (AOC) covers the service."""
    gdpr_transfer: str | None = None
    """The documented mechanism for personal data leaving the EU/EEA (e.g. 'EU-US Data Privacy
    Framework and SCCs'), where the DPA states one."""


@record
class Host:
    """Who serves models and what it promises about the data sent to it."""

    id: Slug = ""
    """Host id: the file name."""
    name: str
    """Service name."""
    kind: HostKind
    """'lab-api' (a lab's own API), 'cloud-platform' (runs models inside the customer's cloud
    account: Bedrock, Azure, Vertex), 'inference-host' (serves open models), 'router', or
    'self' (your own hardware)."""
    trains_on_data: bool | None = None
    """Whether customer prompts and outputs are used for training by default (None: unclear)."""
    retention_days: Annotated[int, Bounds(ge=0)] | None = None
    """Default days prompts and outputs are kept (abuse monitoring); None when not stated."""
    retention_note: str | None = None
    """What the retention figure covers, in one sentence."""
    zero_retention: bool | None = None
    """A zero-data-retention option exists."""
    zero_retention_how: str | None = None
    """How to get zero retention (self-serve, by approval, by contract)."""
    certifications: Certifications = Certifications()
    """Security and compliance attestations."""
    regions: list[Region] = field(default_factory=list)
    """Where processing can be pinned: 'us', 'eu', ... ('global' means no pinning)."""
    in_customer_account: bool = False
    """True when models run inside the customer's own cloud account and tenancy."""
    cloud: Literal["aws", "azure", "gcp"] | None = None
    """The cloud the service belongs to (for a team that already has an account there)."""
    sources: Annotated[list[Source], Length(min=1)]
    """Where these facts were read."""
    as_of: dt.date
    """When these facts were last checked."""
    notes: str | None = None
    """Anything else a buyer should know."""


# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------


@record
class Lab:
    """An organisation that builds models."""

    id: Slug = ""
    """Lab id: the folder name under catalog/models/."""
    name: str
    """Display name."""
    url: str
    """Home page."""


@record
class Lifecycle:
    """Where a model stands in its vendor's life cycle."""

    status: Literal["active", "deprecated", "retired"] = "active"
    """'active', 'deprecated' (still served, shutdown announced) or 'retired' (no longer served)."""
    date: dt.date | None = None
    """Shutdown date: announced (deprecated) or past (retired)."""
    successor: Slug | None = None
    """Id of the model the vendor names as its replacement."""
    source: Source | None = None
    """Where the deprecation or retirement was announced."""
    deprecated_on: dt.date | None = None
    """The day the vendor announced the deprecation, where published."""
    preview: bool = False
    """Pre-GA: a preview, beta or experimental release its vendor does not support as generally
    available (no SLA, may change or end at short notice)."""

    def __post_init__(self) -> None:
        if self.status != "active" and self.date is None:
            raise ValueError(f"a {self.status} model needs lifecycle.date")
        if self.status != "active" and self.source is None:
            raise ValueError(f"a {self.status} model needs lifecycle.source")

    def on(self, day: dt.date) -> Lifecycle:
        """The life cycle as it stands on ``day``: a deprecated model is retired from its
        announced shutdown date on."""
        if self.status == "deprecated" and self.date is not None and self.date <= day:
            return replace(self, status="retired")
        return self


Tier = Literal[1, 2, 3, 4]
TIER_NAMES = {1: "frontier", 2: "strong", 3: "capable", 4: "basic"}


@record
class Capability:
    """How capable the model is, relative to the catalogue, and why we say so."""

    tier: Tier
    """1 frontier (a lab's current best), 2 strong, 3 capable, 4 basic or legacy."""
    basis: Annotated[str, Length(min=10)]
    """Why this tier: the lab's own positioning, size and age, or a published evaluation."""


@record
class Architecture:
    """Numbers needed to size the KV cache (all published by the lab or in the config)."""

    layers: Annotated[int, Bounds(gt=0, le=100_000)]
    """Transformer layers (num_hidden_layers)."""
    kv_heads: Annotated[int, Bounds(gt=0, le=100_000)]
    """Key/value heads per layer (num_key_value_heads; equals attention heads without GQA)."""
    head_dim: Annotated[int, Bounds(gt=0, le=100_000)]
    """Dimension of each attention head."""
    source: Source
    """Where the numbers were read (config.json, paper)."""
    native_precision: Literal["fp32", "bf16", "fp16", "fp8", "mxfp4", "nvfp4", "int8", "int4"] | None = None
    """The precision the weights are published in (torch_dtype, or the quantization_config of
    a natively quantized release such as gpt-oss's MXFP4)."""
    kv_lora_rank: Annotated[int, Bounds(gt=0, le=100_000)] | None = None
    """Multi-head latent attention (DeepSeek): the compressed KV rank cached per token per layer."""
    qk_rope_head_dim: Annotated[int, Bounds(gt=0, le=100_000)] | None = None
    """Multi-head latent attention: the rotary key dimension cached beside the latent."""
    sliding_window: Annotated[int, Bounds(gt=0, le=1_000_000_000)] | None = None
    """Tokens a sliding-window attention layer attends to, where some layers use one."""
    sliding_window_layers: Annotated[int, Bounds(ge=0, le=100_000)] | None = None
    """How many of the layers use sliding-window attention (the rest attend to the whole context)."""
    linear_attention_layers: Annotated[int, Bounds(ge=0, le=100_000)] | None = None
    """Layers with linear or recurrent attention, which keep a fixed-size state instead of a KV cache."""
    hidden_size: Annotated[int, Bounds(gt=0, le=1_000_000)] | None = None
    """Width of the residual stream (hidden_size): what tensor-parallel GPUs exchange per token."""
    attention_heads: Annotated[int, Bounds(gt=0, le=100_000)] | None = None
    """Query heads per layer (num_attention_heads): with head_dim, the attention's compute."""
    experts: Annotated[int, Bounds(gt=0, le=100_000)] | None = None
    """Routed experts per MoE layer (num_local_experts, n_routed_experts, num_experts)."""
    experts_per_token: Annotated[int, Bounds(gt=0, le=100_000)] | None = None
    """Routed experts each token uses (num_experts_per_tok); the share of expert weights one
    decode step reads grows with the batch from this."""


@record
class PriceChange:
    """A per-token price that takes effect on a date (announced or past), as genai-prices
    records price schedules: introductory rates that end, list-price changes."""

    start_date: dt.date
    """First day this price is in force."""
    input: UsdPerMTok
    """USD per million input tokens from that day on."""
    output: UsdPerMTok
    """USD per million output tokens from that day on."""
    source: Source | None = None
    """Where the change was announced or read."""


@record
class Offering:
    """One way to get the model: a vendor API, a cloud platform in the customer's account."""

    host: Slug
    """Host id (catalog/hosts/<id>.toml)."""
    kind: OfferingKind
    """'vendor-api' (the host runs it and you call it), 'private-cloud' (a managed service that
    runs inside your own cloud account), 'self-hosted' (you run the weights)."""
    input: UsdPerMTok | None = None
    """USD per million input tokens; None where not sold per token."""
    output: UsdPerMTok | None = None
    """USD per million output tokens; None where not sold per token."""
    price_ref: str | None = None
    """genai-prices key 'provider/model' this price was checked against."""
    source: Source | None = None
    """Where the price was read."""
    gpu: Slug | None = None
    """For a self-hosted offering: the GPU type it runs on (catalog/gpus.toml)."""
    note: str | None = None
    """Tiering, promotions or limits of this offering."""
    price_since: dt.date | None = None
    """The day ``input`` and ``output`` took effect, where known."""
    price_changes: list[PriceChange] = field(default_factory=list)
    """Dated changes, oldest first: ``input`` and ``output`` are in force until the first of
    them, and each change until the next.  Every cost uses the price in force on the day the
    advice is for (``--today``)."""
    batch_input: UsdPerMTok | None = None
    """USD per million input tokens through the host's batch API, where sold."""
    batch_output: UsdPerMTok | None = None
    """USD per million output tokens through the batch API."""
    cached_input: UsdPerMTok | None = None
    """USD per million input tokens read from a cached prompt prefix, where sold."""
    audio_input: UsdPerMTok | None = None
    """USD per million audio input tokens, where they cost more than text."""
    long_context_above: Annotated[int, Bounds(gt=0, le=MAX_CONTEXT)] | None = None
    """Prompt length (tokens) above which a request is priced at ``long_input`` /
    ``long_output`` instead (long-context tiers; every token of such a request)."""
    long_input: UsdPerMTok | None = None
    """Input price of a request whose prompt is longer than ``long_context_above``."""
    long_output: UsdPerMTok | None = None
    """Output price of such a request."""
    region_scope: Literal["global", "regional"] | None = None
    """Whether ``input``/``output`` are the price of a global (cross-region) endpoint or of one
    pinned to a region."""
    regional_uplift: Annotated[float, Bounds(ge=1, le=10)] | None = None
    """Factor on the price for processing pinned to one region (data residency), e.g. 1.1."""
    fine_tuning: bool | None = None
    """The host fine-tunes this model as a managed service."""
    fine_tuned_input: UsdPerMTok | None = None
    """USD per million input tokens of a fine-tuned variant, where it differs."""
    fine_tuned_output: UsdPerMTok | None = None
    """USD per million output tokens of a fine-tuned variant."""
    fine_tuning_train: UsdPerMTok | None = None
    """USD per million training tokens (tokens in the data set times epochs) of a managed
    fine-tuning job, where published."""
    retention_days: Annotated[int, Bounds(ge=0)] | None = None
    """Days this offering keeps prompts and outputs, where it differs from its host's."""
    zero_retention: bool | None = None
    """Whether zero retention is available for this offering, where it differs from its host's."""
    preview: bool = False
    """The host serves it as a preview (pre-GA) service."""

    def __post_init__(self) -> None:
        if self.gpu is not None and self.kind != "self-hosted":
            raise ValueError("gpu is only for self-hosted offerings")
        if (self.input is None) != (self.output is None):
            raise ValueError("give both input and output prices, or neither")
        if self.kind == "self-hosted" and self.input is not None:
            raise ValueError("a self-hosted offering has no per-token price")
        if self.price_changes and self.input is None:
            raise ValueError("price_changes need a per-token price (input and output) to change from")
        days = [c.start_date for c in self.price_changes]
        if days != sorted(set(days)):
            raise ValueError("price_changes must be in date order, one per day")
        if self.price_since is not None and days and self.price_since >= days[0]:
            raise ValueError(f"price_since ({self.price_since}) must be before the first price change ({days[0]})")

    def on(self, day: dt.date) -> Offering:
        """This offering as it stands on ``day``: the price in force then (with its source and
        start date) as ``input``/``output``, and only the changes still to come."""
        if not self.price_changes or self.price_changes[0].start_date > day:
            return self
        past = [c for c in self.price_changes if c.start_date <= day]
        now = past[-1]
        return replace(
            self,
            input=now.input,
            output=now.output,
            source=now.source,
            price_since=now.start_date,
            price_changes=self.price_changes[len(past) :],
        )


BENCHMARKS = {
    "lmarena-text": "LMArena text leaderboard, overall (arena score)",
    "lmarena-coding": "LMArena text leaderboard, coding category (arena score)",
    "lmarena-vision": "LMArena vision leaderboard (arena score)",
    "lmarena-webdev": "LMArena WebDev leaderboard (arena score)",
    "swe-bench-verified": "SWE-bench Verified, % resolved",
    "aider-polyglot": "Aider polyglot leaderboard, % correct",
    "gpqa-diamond": "GPQA Diamond, % correct",
    "mmlu-pro": "MMLU-Pro, % correct",
    "livecodebench": "LiveCodeBench, pass@1 %",
    "aime-2025": "AIME 2025, % correct",
    "humanitys-last-exam": "Humanity's Last Exam, % correct",
    "terminal-bench": "Terminal-Bench, % tasks solved",
    "tau2-bench": "tau2-bench, % tasks solved",
    "ifeval": "IFEval, % (at the level the source states: strict or loose, prompt or instruction)",
    "mmmu": "MMMU, % correct",
}
"""The benchmarks a score may report: its id, and what the value means."""


@record
class Benchmark:
    """One measured score of a model."""

    benchmark: Slug
    """Which benchmark: an id of ``BENCHMARKS`` (lmarena-text, swe-bench-verified, ...)."""
    value: Annotated[float, Bounds(ge=0, le=100_000)]
    """The score, in the benchmark's own unit (an arena score, or a percentage)."""
    source: Source
    """Where the score is published (a leaderboard's data at a commit, the lab's report)."""
    as_of: dt.date
    """The date of the leaderboard snapshot or of the report."""
    self_reported: bool = False
    """True when the lab reports the score of its own model (not an independent run)."""
    setting: str | None = None
    """How it was measured, where that matters (thinking mode, agent scaffold, attempts)."""

    def __post_init__(self) -> None:
        if self.benchmark not in BENCHMARKS:
            raise ValueError(f"benchmark {self.benchmark!r} is not one of {', '.join(BENCHMARKS)}")


@record
class Disclosure:
    """What a lab publishes about a model: the seeds' transparency and safety dimensions."""

    technical_report: Source | None = None
    """A technical report or paper on the model."""
    system_card: Source | None = None
    """A system card, or a model card with safety evaluations."""
    training_data: Literal["disclosed", "summary", "undisclosed"] | None = None
    """How much the lab says about the training data: the datasets, a summary, or nothing."""


@record
class Model:
    """One model: what it is, who may use it and how, and where each fact came from."""

    id: Slug = ""
    """Model id: the file name without .toml."""
    lab: Slug = ""
    """Lab id: the folder the file is in."""
    name: str
    """Display name."""
    family: Slug
    """Family ('llama', 'gpt', 'claude'); a family name resolves to its current flagship."""
    aliases: list[Slug] = field(default_factory=list)
    """Other names people type for this model (unique across the catalogue)."""
    open_weights: bool
    """True when the weights can be downloaded and run by anyone who accepts the licence."""
    license: Slug
    """Licence id (catalog/licenses.toml)."""
    params_b: Billions | None = None
    """Total parameters in billions; None when undisclosed."""
    active_params_b: Billions | None = None
    """Parameters active per token in billions (mixture-of-experts); None when undisclosed."""
    context: TokenCount
    """Context window in tokens (the model's own limit, not a host's)."""
    max_output: TokenCount | None = None
    """Largest output in tokens per request, where published."""
    modalities: Annotated[list[Modality], Length(min=1)]
    """Inputs the model accepts."""
    released: dt.date | None = None
    """First public release (API or weights); None when not published."""
    lifecycle: Lifecycle = Lifecycle()
    """Active, deprecated or retired, with date and successor."""
    capability: Capability
    """Capability tier with its basis."""
    strengths: list[UseCase] = field(default_factory=list)
    """Use cases the lab or published evaluations single out."""
    fine_tuning: Literal["weights", "api", "weights+api", "none"] | None = None
    """'weights' (fine-tune the open weights), 'api' (a managed fine-tuning service),
    'weights+api', 'none'; None when unknown."""
    weights_url: str | None = None
    """Where open weights are downloaded."""
    architecture: Architecture | None = None
    """Layers, KV heads and head dimension, for KV-cache sizing; None when unpublished."""
    offerings: list[Offering] = field(default_factory=list)
    """Where the model is sold or served, with per-million-token prices."""
    sources: Annotated[list[Source], Length(min=1)]
    """Where the model's facts were read."""
    as_of: dt.date
    """When these facts were last checked."""
    notes: str | None = None
    """Corrections and anything a buyer should know."""
    benchmarks: list[Benchmark] = field(default_factory=list)
    """Measured scores, each with its source and date."""
    disclosure: Disclosure = Disclosure()
    """What the lab publishes about the model (transparency and safety)."""

    def __post_init__(self) -> None:
        if self.params_b is not None and self.active_params_b is not None and self.active_params_b > self.params_b:
            raise ValueError(f"active_params_b ({self.active_params_b}) exceeds params_b ({self.params_b})")
        if not self.open_weights:
            if any(o.kind == "self-hosted" for o in self.offerings):
                raise ValueError("a closed-weight model cannot have a self-hosted offering")
            if self.fine_tuning in ("weights", "weights+api"):
                raise ValueError("a closed-weight model cannot be fine-tuned from weights")
            if self.weights_url is not None:
                raise ValueError("weights_url is for open-weight models")
        if self.lifecycle.successor is not None and self.lifecycle.successor == self.id:
            raise ValueError("a model cannot be its own successor")

    def on(self, day: dt.date) -> Model:
        """This model as it stands on ``day``: the life cycle then, and each offering's price in
        force then.  A model retired by that day is offered nowhere."""
        lifecycle = self.lifecycle.on(day)
        if lifecycle is not self.lifecycle:
            return replace(self, lifecycle=lifecycle, offerings=[])
        if not any(o.price_changes and o.price_changes[0].start_date <= day for o in self.offerings):
            return self  # nearly every model: nothing changes (this runs for every model, every run)
        return replace(self, offerings=[o.on(day) for o in self.offerings])

    @property
    def is_moe(self) -> bool:
        return self.params_b is not None and self.active_params_b is not None and self.active_params_b < self.params_b

    @property
    def priced_offerings(self) -> list[Offering]:
        return [o for o in self.offerings if o.input is not None]
