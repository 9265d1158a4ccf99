"""List every catalogue source that a user cannot open (the contract's source grammar).

    python scripts/check_sources.py             # the built-in catalogue
    python scripts/check_sources.py DIR [DIR]   # the built-in catalogue with overlays, only their files

Exit 1 when any source breaks the grammar; tests/test_real_catalog.py runs the same check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from llm_advisor.catalog import load_catalog
from llm_advisor.catalog.sources import problem, sources_of


def violations(overlays: list[Path]) -> list[str]:
    import tomllib

    cat = load_catalog(overlays)
    out = []
    mine: dict[str, set[str]] = {"model": set(), "host": set(), "licence": set(), "gpu": set()}
    for root in overlays:
        mine["model"] |= {f.stem for f in root.glob("models/*/*.toml")}
        mine["host"] |= {f.stem for f in root.glob("hosts/*.toml")}
        for kind, name in (("licence", "licenses.toml"), ("gpu", "gpus.toml")):
            if (root / name).exists():
                mine[kind] |= set(tomllib.loads((root / name).read_text()))
    for kind, records in (("model", cat.models), ("host", cat.hosts), ("licence", cat.licenses), ("gpu", cat.gpus)):
        for rid, rec in records.items():
            if overlays and rid not in mine[kind]:
                continue
            for path, source in sources_of(rec):
                why = problem(source)
                if why:
                    out.append(f"{kind} {rid}: {path}: {why}: {source[:120]}")
    return out


def main() -> int:
    found = violations([Path(a) for a in sys.argv[1:]])
    for line in found:
        print(line)
    print(f"{len(found)} source(s) a user cannot open")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
