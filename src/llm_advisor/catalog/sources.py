"""The contract's grammar for catalogue sources: something a user can open.

A source is an ``https://`` URL, a file of a public repository as ``owner/repo@commit:path``, or
a file of a published package as ``package version:path`` (``genai-prices 0.2.3:genai_prices/
data.py google/gemini-4-argon``), each optionally followed by a space and a short comment or
quote.  Never a private file, an internal document or a tool's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

URL = re.compile(r"https://[^\s/]+\.[^\s]+")
REPO_FILE = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+@[0-9a-f]{7,40}:[^\s]+")
PACKAGE_FILE = re.compile(r"[A-Za-z0-9][\w.-]* \d+(\.\d+)+[\w.+-]*:[^\s]+")
FORBIDDEN = re.compile(
    r"file id|search[- ]index|find_string|shared/reference|reference/[a-z-]+\.csv|internal (doc|reference)|unnamed copy",
    re.I,
)


def problem(source: str) -> str | None:
    """Why ``source`` is not something a user can open, or None when it is."""
    head = source.split(" (", 1)[0]
    for form in (URL, REPO_FILE, PACKAGE_FILE):
        match = form.match(head)
        if match and (match.end() == len(head) or head[match.end()] == " "):
            break
    else:
        return "not an https:// URL, owner/repo@commit:path or 'package version:path'"
    if FORBIDDEN.search(source):
        return "cites something a user cannot open (a tool's file id, an internal or reference file)"
    return None


def sources_of(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(field path, source) for every source in a record: ``sources`` lists and ``source``
    fields, nested records included."""
    from dataclasses import fields, is_dataclass

    if is_dataclass(value):
        for f in fields(value):
            item = getattr(value, f.name)
            path = f"{where}.{f.name}" if where else f.name
            if f.name in ("sources",) and isinstance(item, list):
                for i, s in enumerate(item):
                    yield f"{path}.{i}", s
            elif f.name in (
                "source",
                "hourly_source",
                "purchase_source",
                "node_source",
                "system_source",
                "node_power_source",
                "technical_report",
                "system_card",
            ) and isinstance(item, str):
                yield path, item
            else:
                yield from sources_of(item, path)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from sources_of(item, f"{where}.{i}")
