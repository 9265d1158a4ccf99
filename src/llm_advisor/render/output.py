"""Drawing results: Rich tables on a terminal, plain text when piped, JSON for scripts.

One ``Output`` object decides the mode.  Rich is imported only when a Rich table is drawn, so
``--json`` and plain runs never pay for it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TextIO

from ..units import printable

if TYPE_CHECKING:
    from rich.console import Console

Mode = Literal["rich", "plain", "json", "markdown", "csv", "html"]


@dataclass
class Output:
    """Where results go and how they look: ``mode`` for stdout, and stderr for everything a
    person reads beside them (notes, warnings).  Every write of a command goes through it."""

    mode: Mode
    stream: TextIO | None = None
    errors: TextIO | None = None

    @property
    def out(self) -> TextIO:
        return self.stream or sys.stdout

    @property
    def err(self) -> TextIO:
        return self.errors or sys.stderr

    def json(self, doc: dict[str, Any]) -> None:
        encoding = (getattr(self.out, "encoding", None) or "utf-8").lower().replace("-", "")
        ascii_only = encoding not in ("utf8", "utf16", "utf32")
        from .jsonout import dumps

        self.out.write(dumps({"schema_version": 1, **doc}, ensure_ascii=ascii_only) + "\n")

    def say(self, text: str) -> None:
        """A line for the person at the terminal (stderr), whatever the output mode."""
        self.err.write(text + "\n")

    def note(self, text: str) -> None:
        self.say(f"note: {text}")

    def warn(self, text: str) -> None:
        self.say(f"warning: {text}")

    def console(self) -> Console:
        from rich.console import Console

        return Console(file=self.out, highlight=False, soft_wrap=False, width=_columns())

    def line(self, text: str = "") -> None:
        if self.mode == "csv":
            return  # a CSV document holds only its table rows
        self.out.write(printable(text) + "\n")

    # -- generic table ---------------------------------------------------------------------

    def table(
        self,
        title: str | None,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        best: Sequence[set[int]] | None = None,
        first_col_bold: bool = False,
        tsv: bool = False,
        caption: str | None = None,
        widths: dict[str, int] | None = None,
    ) -> None:
        """``widths``: the widest a named column may be; its cells are cut to fit (on one
        line) by the caller, and Rich keeps them to one line."""
        if self.mode == "rich":
            from rich.table import Table

            table = Table(
                title=None if title is None else _esc(printable(title)),
                title_justify="left",
                title_style="bold",
                caption=None if caption is None else _esc(printable(caption)),
                caption_justify="left",
                show_lines=False,
                expand=False,
            )
            for i, h in enumerate(headers):
                if widths is not None:
                    table.add_column(h, no_wrap=True, max_width=widths.get(h), overflow="ellipsis")
                else:
                    table.add_column(h, style="bold" if first_col_bold and i == 0 else None, overflow="fold")
            for r_i, row in enumerate(rows):
                marks = best[r_i] if best else set()
                cells = [
                    f"[green]★ {_esc(printable(c))}[/green]" if (i - 1) in marks else _esc(printable(c))
                    for i, c in enumerate(row)
                ]
                table.add_row(*cells)
            self.console().print(table)
            return
        if self.mode == "markdown":
            if title:
                self.line(f"### {title}")
                self.line()
            self.line("| " + " | ".join(_md(h) for h in headers) + " |")
            self.line("|" + "|".join("---" for _ in headers) + "|")
            for r_i, row in enumerate(rows):
                marks = best[r_i] if best else set()
                self.line(
                    "| " + " | ".join(f"**{_md(c)}**" if (i - 1) in marks else _md(c) for i, c in enumerate(row)) + " |"
                )
            if caption:
                self.line()
                self.line(caption)
            self.line()
            return
        if self.mode == "csv":
            import csv

            writer = csv.writer(self.out, lineterminator="\n")
            writer.writerow([printable(h) for h in headers])
            writer.writerows([[printable(c) for c in r] for r in rows])
            return
        if tsv:
            for row in rows:
                self.line("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row))
            return
        if title:
            self.line(title)
        marked = [
            [("* " + c if (i - 1) in (best[r_i] if best else set()) else c) for i, c in enumerate(row)]
            for r_i, row in enumerate(rows)
        ]
        cols = [max(len(h), *(len(r[i]) for r in marked)) if marked else len(h) for i, h in enumerate(headers)]
        cols = [min(w, 60) for w in cols]
        self.line("  ".join(h.ljust(cols[i]) for i, h in enumerate(headers)).rstrip())
        for row in marked:
            self.line("  ".join(c.ljust(cols[i]) for i, c in enumerate(row)).rstrip())
        if caption:
            self.line(caption)
        self.line()

    def heading(self, text: str, style: str = "bold") -> None:
        if self.mode == "markdown":
            self.line(f"## {text}")
            self.line()
        elif self.mode == "csv":
            return
        elif self.mode == "rich":
            self.console().print(f"[{style}]{_esc(printable(text))}[/{style}]")
        else:
            self.line(text)

    def bullets(self, title: str, items: Sequence[str]) -> None:
        if not items or self.mode == "csv":
            return
        self.heading(title)
        for item in items:
            if self.mode == "markdown":
                self.line(f"- {item}")
            elif self.mode == "rich":
                self.console().print(f"  • {_esc(printable(item))}")
            else:
                self.line(f"  - {item}")
        self.line()


def _columns() -> int | None:
    """The width to draw at: ``COLUMNS`` when it is a sensible number; when it is set but is
    not (``COLUMNS=0``, ``COLUMNS=abc``), the terminal's width or 80, never nothing."""
    import os

    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None  # Rich asks the terminal, or uses 80
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value >= 20:
        return None  # Rich reads it itself

    try:
        return max(os.get_terminal_size(1).columns, 20)
    except OSError:
        return 80


def _md(text: str) -> str:
    return printable(str(text)).replace("|", "\\|").replace("\n", " ")


def _esc(text: str) -> str:
    if "[" not in text:
        return text
    from rich.markup import escape

    return escape(text)
