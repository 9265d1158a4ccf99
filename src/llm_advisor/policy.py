"""A team's model policy (``policy.toml``): the type and its keys (contract 0.2, "A policy file").

Only the type lives here (the catalogue layer reads and validates a file into it, the core
checks models against it).  Every key is optional; an ``allow_*`` key left out allows
everything, a ``deny_*`` key left out denies nothing.  Each field's docstring becomes its
description in ``llm-advisor catalog schema policy``.
"""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Literal, get_args

from .base import Bounds, record
from .records import OfferingKind, Slug

LicenseCondition = Literal[
    "non-commercial", "user-cap", "revenue-cap", "output-training", "hosting-clause", "territorial"
]
LICENSE_CONDITIONS: tuple[str, ...] = get_args(LicenseCondition)
PolicyCloud = Literal["aws", "azure", "gcp"]
PolicyRegion = Literal["eu", "us"]
PolicyRegime = Literal["hipaa", "gdpr", "pci-dss", "fedramp"]

CONDITION_WORDS = {
    "non-commercial": "does not allow commercial use",
    "user-cap": "needs a separate licence above {mau} monthly active users",
    "revenue-cap": "changes its terms above US${revenue} monthly revenue",
    "output-training": "forbids using its outputs to train or improve other models",
    "hosting-clause": "restricts offering the model as a hosted service to others",
    "territorial": "withholds rights in some territories (EU-domiciled licensees)",
}
"""What each licence condition means, as the fact a violation reports."""


@record
class SensitivityHosts:
    """The hosts that may see data of each sensitivity.  A level's list also binds every more
    sensitive level (the hosts for confidential data bound regulated data too); a level left
    out adds no limit of its own."""

    public: list[Slug] | None = None
    """Hosts that may see public data (and, unless narrowed below, everything more sensitive)."""
    internal: list[Slug] | None = None
    """Hosts that may see internal data and anything more sensitive."""
    confidential: list[Slug] | None = None
    """Hosts that may see confidential data and regulated data."""
    regulated: list[Slug] | None = None
    """Hosts that may see regulated data. 'self' is self-hosting."""


SENSITIVITY_LEVELS = ("public", "internal", "confidential", "regulated")


@record
class Policy:
    """What a team allows: licences, labs, hosts, clouds, regions, ways to run, a price ceiling,
    a lifecycle horizon and compliance regimes.  Self-hosting is the host 'self'."""

    allow_licenses: list[Slug] | None = None
    """Only models under these licence ids (from licenses.toml) are allowed."""
    deny_licenses: list[Slug] = field(default_factory=list)
    """Models under these licence ids are denied."""
    deny_license_conditions: list[LicenseCondition] = field(default_factory=list)
    """Licences carrying any of these conditions are denied: non-commercial (no commercial use), user-cap (a separate licence above a user count), revenue-cap (terms change above a revenue), output-training (outputs may not train other models), hosting-clause (limits on serving it to others), territorial (rights withheld in some territories)."""
    allow_labs: list[Slug] | None = None
    """Only models from these lab ids (from labs.toml) are allowed."""
    deny_labs: list[Slug] = field(default_factory=list)
    """Models from these lab ids are denied."""
    allow_hosts: list[Slug] | None = None
    """Only these host ids may serve a model ('self' for self-hosting)."""
    deny_hosts: list[Slug] = field(default_factory=list)
    """These host ids may not serve a model."""
    allow_clouds: list[PolicyCloud] | None = None
    """Managed services (Bedrock, Azure, Vertex) only in these clouds."""
    allow_regions: list[PolicyRegion] | None = None
    """A host must be able to process in one of these regions (self-hosting runs where you put it)."""
    allow_kinds: list[OfferingKind] | None = None
    """Ways to run allowed: vendor-api, private-cloud (a managed service in your account), self-hosted."""
    max_usd_per_mtok: Annotated[float, Bounds(ge=0, le=100_000)] | None = None
    """The highest blended price allowed, USD per million tokens (at the workload's output share; 0.25 in `check`). In `recommend`, self-hosting counts at its all-in cost per million tokens at your volume."""
    min_days_to_shutdown: Annotated[int, Bounds(ge=0, le=100_000)] | None = None
    """A model whose announced shutdown is fewer than this many days away (or past) is denied."""
    require_compliance: list[PolicyRegime] = field(default_factory=list)
    """Every host that serves a model must meet each regime (self-hosting meets them under your own controls)."""
    allow_hosts_by_sensitivity: SensitivityHosts | None = None
    """Which hosts may see each data sensitivity: a table of public, internal, confidential, regulated lists."""

    def rules(self) -> list[str]:
        """The keys this policy sets (an allow list left out, or a deny list left empty, sets
        nothing)."""
        return [k for k in POLICY_KEYS if getattr(self, k) not in (None, [])]

    def hosts_for(self, sensitivity: str) -> list[tuple[str, list[str]]]:
        """The (level, hosts) lists that bind data of ``sensitivity``: its own and every less
        sensitive level's."""
        table = self.allow_hosts_by_sensitivity
        if table is None:
            return []
        upto = SENSITIVITY_LEVELS[: SENSITIVITY_LEVELS.index(sensitivity) + 1]
        return [(level, hosts) for level in upto if (hosts := getattr(table, level)) is not None]


POLICY_KEYS: tuple[str, ...] = tuple(Policy.__dataclass_fields__)
