"""Checking models against a team's policy (contract 0.2, "A policy file").  Pure.

A model breaks a rule about itself (its licence, lab or life cycle) or a rule about one way of
running it (the host, its cloud and regions, the kind of deployment, the price, compliance, the
data it would see).  ``check`` answers `llm-advisor check`; the recommender reads
``model_violations`` and ``way_violations`` as hard constraints.  ``policy_problems`` finds a
policy that names what the catalogue lacks or contradicts itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..catalog import Catalog
from ..errors import NotFoundError
from ..policy import CONDITION_WORDS, SENSITIVITY_LEVELS, Policy
from ..records import Host, License, Model, Offering
from ..requirements import Workload
from ..results import Checked, PolicyCheck, Violation
from ..units import fmt_count, fmt_price
from .costs import blended_price
from .rules import COMPLIANCE_CHECKS, REGIME_NAMES

CHECK_WORKLOAD = Workload(tokens=1_000_000)
"""The mix `check` prices a blended price at (a quarter output, as `list` and `compare`)."""


def license_conditions(lic: License) -> list[str]:
    """The policy's licence conditions this licence carries (``LICENSE_CONDITIONS`` order)."""
    out = []
    if lic.commercial_use == "no":
        out.append("non-commercial")
    if lic.mau_limit is not None:
        out.append("user-cap")
    if lic.revenue_limit_usd is not None:
        out.append("revenue-cap")
    if lic.restricts_output_training:
        out.append("output-training")
    if lic.restricts_hosting:
        out.append("hosting-clause")
    if lic.restricts_eu:
        out.append("territorial")
    return out


def _condition_fact(condition: str, lic: License) -> str:
    words = CONDITION_WORDS[condition].format(
        mau=fmt_count(lic.mau_limit or 0), revenue=fmt_count(lic.revenue_limit_usd or 0)
    )
    return f"its licence {lic.id} {words}"


def model_violations(p: Policy, m: Model, lic: License, today: dt.date) -> list[Violation]:
    """The rules ``m`` breaks whatever way it runs: licence, licence conditions, lab, life cycle."""
    out = []
    lic_source = lic.sources[0]

    def add(rule: str, fact: str, source: str) -> None:
        out.append(Violation(model=m.id, host=None, rule=rule, fact=fact, source=source))

    if p.allow_licenses is not None and lic.id not in p.allow_licenses:
        add("allow_licenses", f"licensed under {lic.id} ({lic.name}), which the policy does not allow", m.sources[0])
    if lic.id in p.deny_licenses:
        add("deny_licenses", f"licensed under {lic.id} ({lic.name}), which the policy denies", m.sources[0])
    for condition in license_conditions(lic):
        if condition in p.deny_license_conditions:
            add("deny_license_conditions", f"{condition}: {_condition_fact(condition, lic)}", lic_source)
    if p.allow_labs is not None and m.lab not in p.allow_labs:
        add("allow_labs", f"made by {m.lab}, which the policy does not allow", m.sources[0])
    if m.lab in p.deny_labs:
        add("deny_labs", f"made by {m.lab}, which the policy denies", m.sources[0])
    life = m.lifecycle
    if p.min_days_to_shutdown is not None and (life.date is not None or life.status == "retired"):
        source = life.source or m.sources[0]
        succ = f"; its successor is {life.successor}" if life.successor else ""
        days = None if life.date is None else (life.date - today).days
        if days is None or days < 0:
            add("min_days_to_shutdown", f"shut down{'' if life.date is None else f' on {life.date}'}{succ}", source)
        elif days < p.min_days_to_shutdown:
            add(
                "min_days_to_shutdown",
                f"shuts down on {life.date}, {days} days after {today} (the policy asks for at least {p.min_days_to_shutdown}){succ}",
                source,
            )
    return out


@dataclass(frozen=True, slots=True)
class Way:
    """One way to run a model: an offering's host and kind, or self-hosting (host 'self')."""

    host: Host
    kind: str
    offering: Offering | None = None


def ways(m: Model, cat: Catalog) -> list[Way]:
    """Every way ``m`` can run: its per-token offerings (on hosts the catalogue knows), then
    self-hosting for open weights."""
    out = [
        Way(host=cat.hosts[o.host], kind=o.kind, offering=o)
        for o in m.offerings
        if o.kind != "self-hosted" and o.host in cat.hosts
    ]
    if m.open_weights and "self" in cat.hosts:
        out.append(Way(host=cat.hosts["self"], kind="self-hosted"))
    return out


PRICE_UNCHECKED = -1.0
"""``usd_per_mtok`` for a way whose price per token is not checked (self-hosting in `check`:
it has no price without a volume)."""


def way_violations(
    p: Policy,
    m: Model,
    way: Way,
    *,
    sensitivity: str | None,
    usd_per_mtok: float | None,
) -> list[Violation]:
    """The rules one way of running ``m`` breaks.  ``usd_per_mtok``: its blended (or all-in)
    price per million tokens, None when unknown, ``PRICE_UNCHECKED`` to skip the ceiling."""
    host, off = way.host, way.offering
    hid = host.id
    self_hosted = host.kind == "self"
    fact_source = (off.source if off is not None else None) or m.sources[0]
    out = []

    def add(rule: str, fact: str, source: str) -> None:
        out.append(Violation(model=m.id, host=hid, rule=rule, fact=fact, source=source))

    served = "self-hosted" if self_hosted else f"served by {hid}"
    if p.allow_hosts is not None and hid not in p.allow_hosts:
        add("allow_hosts", f"{served}, which the policy does not allow", fact_source)
    if hid in p.deny_hosts:
        add("deny_hosts", f"{served}, which the policy denies", fact_source)
    if p.allow_kinds is not None and way.kind not in p.allow_kinds:
        add("allow_kinds", f"{served} as {way.kind}, a way to run the policy does not allow", fact_source)
    if p.allow_clouds is not None and host.cloud is not None and host.cloud not in p.allow_clouds:
        add("allow_clouds", f"{hid} is a managed service in {host.cloud}", host.sources[0])
    if p.allow_regions is not None and not self_hosted and not set(host.regions) & set(p.allow_regions):
        where = ", ".join(host.regions) if host.regions else "no region it documents"
        add(
            "allow_regions",
            f"{hid} processes in {where}, not in {' or '.join(r.upper() for r in p.allow_regions)}",
            host.sources[0],
        )
    if p.max_usd_per_mtok is not None and usd_per_mtok != PRICE_UNCHECKED:
        if usd_per_mtok is None:
            add(
                "max_usd_per_mtok",
                f"{hid} publishes no price we could confirm, so the {fmt_price(p.max_usd_per_mtok)}/M ceiling cannot be checked",
                fact_source,
            )
        elif usd_per_mtok > p.max_usd_per_mtok:
            what = "all in at your volume" if self_hosted else "blended"
            add(
                "max_usd_per_mtok",
                f"{fmt_price(usd_per_mtok)} per million tokens {what} on {hid}, over the {fmt_price(p.max_usd_per_mtok)} ceiling",
                fact_source,
            )
    if not self_hosted:
        for regime in p.require_compliance:
            gap = COMPLIANCE_CHECKS[regime](host)
            if gap:
                add("require_compliance", f"{hid}: {gap} ({REGIME_NAMES[regime]})", host.sources[0])
    if sensitivity is not None:
        for level, hosts in p.hosts_for(sensitivity):
            if hid not in hosts:
                which = "" if level == sensitivity else f" (the {level} list binds {sensitivity} data too)"
                add(
                    "allow_hosts_by_sensitivity",
                    f"{sensitivity} data would go to {'self-hosting' if self_hosted else hid}, which the policy does not allow for {level} data{which}",
                    fact_source,
                )
                break
    return out


# ---------------------------------------------------------------------------------------------
# llm-advisor check
# ---------------------------------------------------------------------------------------------


class UnknownTarget(ValueError):
    """A ``MODEL[@HOST]`` that names no model, or a host that does not serve it."""


def resolve_target(cat: Catalog, query: str) -> tuple[Model, Host | None]:
    """``MODEL`` or ``MODEL@HOST`` to a model (by id or alias only: a gate must name one model)
    and host.  Raises ``UnknownTarget`` with the nearest names."""
    name, _, host_id = query.strip().partition("@")
    name, host_id = name.strip(), host_id.strip()
    if not name:
        raise UnknownTarget(f"{query!r}: give a model id, e.g. gpt-5.5 or llama-3.3-70b@together-ai")
    try:
        found = cat.resolve(name)
    except NotFoundError as exc:
        hint = f"; did you mean {', '.join(repr(s) for s in exc.suggestions)}?" if exc.suggestions else ""
        raise UnknownTarget(f"no model matches {name!r}{hint}") from None
    if found.how == "family":
        raise UnknownTarget(f"{name!r} is a family, not a model: name one model (its flagship is {found.model.id!r})")
    if found.how == "near-miss":
        raise UnknownTarget(f"no model is called {name!r}; did you mean {found.model.id!r}?")
    m = found.model
    if "@" not in query:
        return m, None
    if host_id not in cat.hosts:
        import difflib

        close = difflib.get_close_matches(host_id, sorted(cat.hosts), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownTarget(f"{query!r}: no host {host_id!r} in the catalogue{hint}")
    served = {w.host.id for w in ways(m, cat)}
    if host_id not in served:
        raise UnknownTarget(
            f"{query!r}: {host_id} does not serve {m.id}; it runs on {', '.join(sorted(served)) or 'no host'}"
        )
    return m, cat.hosts[host_id]


def check(
    p: Policy,
    cat: Catalog,
    targets: Sequence[tuple[str, Model, Host | None]],
    today: dt.date,
    *,
    sensitivity: str | None = None,
) -> PolicyCheck:
    """Each (query, model, host or None) against the policy, on ``cat`` (the catalogue as it
    stands on ``today``, as ``Catalog.on`` gives it).  A model named without a host breaks a way-to-run rule only when no way to run
    it passes (then each way's violations are listed); with a host, that host's way is checked."""
    violations: list[Violation] = []
    checked: list[Checked] = []
    for query, m, host in targets:
        lic = cat.licenses[m.license]
        found = model_violations(p, m, lic, today)
        options = [w for w in ways(m, cat) if host is None or w.host.id == host.id]
        per_way = [
            (w, way_violations(p, m, w, sensitivity=sensitivity, usd_per_mtok=_price(w, CHECK_WORKLOAD)))
            for w in options
        ]
        allowed = sorted(dict.fromkeys(w.host.id for w, v in per_way if not v))
        if not allowed:
            found += [v for _, vs in per_way for v in vs]
            if not per_way:
                found.append(
                    Violation(
                        model=m.id,
                        host=None,
                        rule="allow_hosts",
                        fact="no way to run it: no offering in the catalogue and closed weights",
                        source=m.sources[0],
                    )
                )
        found = list(dict.fromkeys(found))
        violations += found
        checked.append(
            Checked(
                query=query,
                model=m.id,
                host=None if host is None else host.id,
                violations=len(found),
                allowed=allowed,
            )
        )
    return PolicyCheck(today=today, violations=violations, checked=checked)


def _price(way: Way, w: Workload) -> float | None:
    if way.offering is None:
        return PRICE_UNCHECKED
    price = blended_price(way.offering, w)
    return None if price is None else round(price, 4)


# ---------------------------------------------------------------------------------------------
# A policy's own problems
# ---------------------------------------------------------------------------------------------

Loc = tuple[str | int, ...]


def policy_problems(p: Policy, cat: Catalog) -> list[tuple[Loc, str]]:
    """What is wrong with a policy against this catalogue: ids it does not know, rules that
    contradict each other, lists that allow nothing.  Each as (location in the file, message)."""
    out: list[tuple[Loc, str]] = []
    known = {"licenses": sorted(cat.licenses), "labs": sorted(cat.labs), "hosts": sorted(cat.hosts)}

    def unknown(key: str, values: Sequence[str], what: str, loc: Loc | None = None) -> None:
        import difflib

        for i, v in enumerate(values):
            if v not in known[what]:
                close = difflib.get_close_matches(v, known[what], n=3)
                hint = (
                    f"did you mean {', '.join(repr(c) for c in close)}?"
                    if close
                    else f"known: {', '.join(known[what])}"
                )
                out.append(((*(loc or (key,)), i), f"{v!r} is not a {what[:-1]} id in the catalogue; {hint}"))

    for key, what in (
        ("allow_licenses", "licenses"),
        ("deny_licenses", "licenses"),
        ("allow_labs", "labs"),
        ("deny_labs", "labs"),
        ("allow_hosts", "hosts"),
        ("deny_hosts", "hosts"),
    ):
        unknown(key, getattr(p, key) or [], what)
    table = p.allow_hosts_by_sensitivity
    if table is not None:
        for level in SENSITIVITY_LEVELS:
            unknown(level, getattr(table, level) or [], "hosts", ("allow_hosts_by_sensitivity", level))

    for key in ("allow_licenses", "allow_labs", "allow_hosts", "allow_clouds", "allow_regions", "allow_kinds"):
        if getattr(p, key) == []:
            out.append(((key,), "an empty list allows nothing: list what is allowed, or leave the key out"))
    for allow, deny in (
        ("allow_licenses", "deny_licenses"),
        ("allow_labs", "deny_labs"),
        ("allow_hosts", "deny_hosts"),
    ):
        both = sorted(set(getattr(p, allow) or []) & set(getattr(p, deny)))
        for v in both:
            out.append(((deny, getattr(p, deny).index(v)), f"{v!r} is both in {allow} and in {deny}: keep it in one"))

    def ruled_out(host_id: str) -> str | None:
        """The rule (other than allow_hosts_by_sensitivity) that keeps every way through this host out."""
        host = cat.hosts.get(host_id)
        if host is None:
            return None
        if host_id in p.deny_hosts:
            return "deny_hosts denies it"
        if p.allow_hosts is not None and host_id not in p.allow_hosts:
            return "allow_hosts does not list it"
        if host.kind == "self":
            if p.allow_kinds is not None and "self-hosted" not in p.allow_kinds:
                return "allow_kinds leaves out self-hosted"
            return None
        if p.allow_kinds is not None and not {"vendor-api", "private-cloud"} & set(p.allow_kinds):
            return "allow_kinds allows only self-hosting"
        if p.allow_clouds is not None and host.cloud is not None and host.cloud not in p.allow_clouds:
            return f"allow_clouds leaves out {host.cloud}"
        if p.allow_regions is not None and not set(host.regions) & set(p.allow_regions):
            return "allow_regions leaves out every region it processes in"
        return None

    for i, h in enumerate(p.allow_hosts or []):
        why = ruled_out(h)
        if why and h not in p.deny_hosts:  # (allowed and denied is reported above)
            out.append((("allow_hosts", i), f"{h!r} can never be used: {why}"))
    if table is not None:
        for level in SENSITIVITY_LEVELS:
            hosts = getattr(table, level)
            if hosts is None:
                continue
            for i, h in enumerate(hosts):
                why = ruled_out(h)
                if why:
                    out.append(
                        (("allow_hosts_by_sensitivity", level, i), f"{h!r} is listed for {level} data, but {why}")
                    )
                for less in SENSITIVITY_LEVELS[: SENSITIVITY_LEVELS.index(level)]:
                    bound = getattr(table, less)
                    if bound is not None and h not in bound and h in cat.hosts:
                        out.append(
                            (
                                ("allow_hosts_by_sensitivity", level, i),
                                f"{h!r} is listed for {level} data, but the {less} list, which binds {level} data too, leaves it out",
                            )
                        )
                        break
    usable = [cat.hosts[h] for h in cat.hosts if not ruled_out(h)]
    if (
        p.require_compliance
        and usable
        and all(
            host.kind != "self" and any(COMPLIANCE_CHECKS[r](host) for r in p.require_compliance) for host in usable
        )
    ):
        names = ", ".join(REGIME_NAMES[r] for r in p.require_compliance)
        out.append(
            (
                ("require_compliance",),
                f"no host the other rules allow meets {names} ({', '.join(h.id for h in usable)}): nothing could pass",
            )
        )
    if not out and cat.hosts and not usable:
        host_rules = ("allow_hosts", "allow_kinds", "allow_clouds", "allow_regions", "deny_hosts")
        first = next((k for k in host_rules if getattr(p, k)), "allow_hosts")
        out.append(((first,), "together the rules allow no host at all, self-hosting included: nothing could pass"))
    return out
