"""The merged catalogue and what can be asked of it: lookups, name resolution (id, alias,
family, near miss) and the view of a day.  Pure: built by ``load_catalog``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..errors import NotFoundError
from ..records import Gpu, Host, Lab, License, Model
from ..results import How, Resolution

__all__ = ["Catalog", "Resolution"]


def _norm(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def compact_name(text: str) -> str:
    """A name as lookup matches it once case and punctuation are ignored: 'GPT_4o' -> 'gpt4o'."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class Catalog:
    """The merged catalogue: every record validated and cross-checked."""

    labs: dict[str, Lab]
    licenses: dict[str, License]
    gpus: dict[str, Gpu]
    hosts: dict[str, Host]
    models: dict[str, Model]
    files: dict[str, str] = field(default_factory=dict)
    """Model id -> the file it came from (relative, with its catalogue label)."""
    day: dt.date | None = None
    """The day this catalogue stands on (see ``on``); None for the catalogue as written."""
    _index: dict[str, tuple[str, How]] | None = field(default=None, repr=False)
    _written: Catalog | None = field(default=None, repr=False)
    _dated: tuple[str, ...] = field(default=(), init=False, repr=False)
    """Ids of the models with a date that can change them (a price change, a shutdown), found
    once (and cached with the catalogue), so a day's view need not look at every model."""

    def __post_init__(self) -> None:
        if self._written is None:
            self._dated = tuple(
                m.id
                for m in self.models.values()
                if m.lifecycle.status == "deprecated" or any(o.price_changes for o in m.offerings)
            )

    def on(self, day: dt.date) -> Catalog:
        """The catalogue as it stands on ``day``: every offering at the price in force that day
        (announced changes still to come stay listed), every life cycle as of that day (a
        deprecated model is retired from its shutdown date on).  Prices, lifecycle and advice
        for a date all read this view; only models that change are copied."""
        if self.day == day:
            return self
        written = self._written or self
        models = dict(written.models)
        for model_id in written._dated:
            models[model_id] = models[model_id].on(day)
        return replace(written, models=models, day=day, _index=None, _written=written)

    @property
    def written(self) -> Catalog:
        """The catalogue as its files say, with every dated price and life cycle as written."""
        return self._written or self

    # -- lookups -----------------------------------------------------------------------------

    def lab_name(self, lab_id: str) -> str:
        lab = self.labs.get(lab_id)
        return lab.name if lab else lab_id

    def family_members(self, family: str) -> list[Model]:
        return [m for m in self.models.values() if m.family == family]

    def flagship(self, family: str) -> Model | None:
        """A family's current flagship: the best-tier active model, newest first, then by id."""
        members = self.family_members(family)
        if not members:
            return None
        live = [m for m in members if m.lifecycle.status != "retired"] or members
        return min(
            live,
            key=lambda m: (
                m.lifecycle.status != "active",
                m.capability.tier,
                -(m.released.toordinal() if m.released else 0),
                m.id,
            ),
        )

    def _build_index(self) -> dict[str, tuple[str, How]]:
        index: dict[str, tuple[str, How]] = {}
        for model in self.models.values():
            for key in (model.id, compact_name(model.id)):
                index.setdefault(key, (model.id, "id"))
            for alias in model.aliases:
                for key in (alias, compact_name(alias)):
                    index.setdefault(key, (model.id, "alias"))
        families = sorted({m.family for m in self.models.values()})
        for fam in families:
            flagship = self.flagship(fam)
            if flagship is not None:
                for key in (fam, compact_name(fam)):
                    index.setdefault(key, (flagship.id, "family"))
        return index

    def resolve(self, query: str) -> Resolution:
        """Match a typed name by id, alias, family or a near miss; raise NotFoundError."""
        if self._index is None:
            self._index = self._build_index()
        key = _norm(query)
        if not key:
            raise NotFoundError(query, [])
        hit = self._index.get(key) or self._index.get(compact_name(key))
        if hit is not None:
            model = self.models[hit[0]]
            note = None
            if hit[1] == "family":
                others = [
                    m.id for m in sorted(self.family_members(model.family), key=lambda m: m.id) if m.id != model.id
                ]
                note = f"'{query}' is the {model.family} family; using its current flagship {model.id}" + (
                    f" (others: {', '.join(others)})" if others else ""
                )
            return Resolution(query=query, model=model, how=hit[1], note=note)
        import difflib  # only for names that match nothing exactly

        suggestions = self.suggest(key)
        if suggestions:
            first = suggestions[0]
            ratio = difflib.SequenceMatcher(None, key, first).ratio()
            second = difflib.SequenceMatcher(None, key, suggestions[1]).ratio() if len(suggestions) > 1 else 0.0
            if ratio >= 0.8 and ratio - second >= 0.05:
                target = self._index[first]
                model = self.models[target[0]]
                return Resolution(
                    query=query,
                    model=model,
                    how="near-miss",
                    note=f"no model is called '{query}'; did you mean '{first}'? Using {model.id}",
                )
        raise NotFoundError(query, suggestions[:5])

    def named(self, name: str) -> str | None:
        """The model whose id or alias reads as ``name`` once case and punctuation are
        ignored (no family, no near miss), or None."""
        key = compact_name(name)
        for m in self.models.values():
            if any(compact_name(n) == key for n in (m.id, *m.aliases)):
                return m.id
        return None

    def names(self) -> list[str]:
        """Every name people type for a model: ids, aliases and families, sorted."""
        return sorted(
            {m.id for m in self.models.values()}
            | {a for m in self.models.values() for a in m.aliases}
            | {m.family for m in self.models.values()}
        )

    def suggest(self, query: str, n: int = 5) -> list[str]:
        """The closest names (ids, aliases, families; never the compact lookup keys)."""
        import difflib

        return difflib.get_close_matches(_norm(query), self.names(), n=n, cutoff=0.6)
