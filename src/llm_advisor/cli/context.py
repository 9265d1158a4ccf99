"""The application context: everything a run is for, read once from the command line, the
environment and the clock, and handed to every command (and to shell completion)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from .environment import cache_dir_from_env

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..render.output import Output

TODAY_ENV = "LLM_ADVISOR_TODAY"
CATALOG_ENV = "LLM_ADVISOR_CATALOG"
EARLIEST, LATEST = dt.date(1970, 1, 1), dt.date(2999, 12, 31)
"""--today must fall between these: far beyond any useful date, and room to add horizons."""
FORMATS = ("table", "plain", "json", "markdown", "csv", "html")


def system_date() -> dt.date:
    """The one read of the clock: the default for ``--today``."""
    return dt.date.today()


def parse_today(text: str, *, from_env: bool = False) -> dt.date:
    """A YYYY-MM-DD date, or a usage error that names where it came from and the form."""
    given = f"{TODAY_ENV}={text!r}" if from_env else f"--today {text!r}"
    raw = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"{given} is not a date: use YYYY-MM-DD, e.g. 2026-12-01") from None
    if not EARLIEST <= day <= LATEST:
        raise UsageError(f"{given} is out of range: use a date from {EARLIEST} to {LATEST}")
    return day


def output_for(json_: bool, plain: bool, fmt: str | None, *, html: bool = False) -> Output:
    """The output mode a command's --json, --plain and --format ask for (a terminal gets Rich
    tables, anything else plain text, ``NO_COLOR`` plain text too)."""
    import sys

    from ..render.output import Output

    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
        if json_ and fmt != "json":
            raise UsageError(f"--json and --format {fmt} contradict each other; give one")
        if fmt == "html" and not html:
            raise UsageError(
                "--format html is a decision report of 'recommend' only; use table, plain, json, markdown or csv"
            )
        return Output(
            {"table": "rich", "plain": "plain", "json": "json", "markdown": "markdown", "csv": "csv", "html": "html"}[
                fmt
            ]  # type: ignore[arg-type]
        )
    if json_:
        return Output("json")
    if plain or os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return Output("plain")
    return Output("rich")


@dataclass
class AppContext:
    """One run: the catalogue overlays, the day, the cache, and (once a command has read its
    flags) the output.  The catalogue is loaded when first asked for."""

    overlays: list[Path]
    today: dt.date
    cache_dir: Path | None
    output: Output | None = None
    _catalog: Catalog | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, catalog: str | Path | None, today: str | None, *, today_from_env: bool = False) -> AppContext:
        """The context of the global options (each already resolved against its environment
        variable by the caller) and the environment's cache settings."""
        day = system_date() if today is None else parse_today(today, from_env=today_from_env)
        return cls(overlays=[Path(catalog)] if catalog else [], today=day, cache_dir=cache_dir_from_env())

    @property
    def out(self) -> Output:
        if self.output is None:
            from ..render.output import Output

            self.output = Output("plain")
        return self.output

    def use_output(self, json_: bool, plain: bool, fmt: str | None, *, html: bool = False) -> Output:
        self.output = output_for(json_, plain, fmt, html=html)
        return self.output

    def catalog(self) -> Catalog:
        """The catalogue as written (every dated price and life cycle), from the cache when
        nothing changed since the last run."""
        if self._catalog is None:
            from ..catalog.cache import load_catalog_cached

            self._catalog = load_catalog_cached(self.overlays, cache_dir=self.cache_dir)
            # The catalogue lives until the process exits: move it out of the collector's
            # sight, so collections during ranking do not walk every record again.
            import gc

            gc.freeze()
        return self._catalog

    def dated(self) -> Catalog:
        """The catalogue as it stands on ``today``: prices in force, life cycles then."""
        return self.catalog().on(self.today)
