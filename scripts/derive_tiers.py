"""Write capability tiers derived from measurements into the catalogue's model files.

    python scripts/derive_tiers.py           # rewrite [capability] where the rule applies
    python scripts/derive_tiers.py --check   # exit 1 listing the files that do not follow it

The rule is in src/llm_advisor/core/quality.py.  A model with an independent LMArena text score
gets the derived tier and basis; one without keeps its tier, and its basis is made to begin
"Not measured independently" if it does not already.  Only the [capability] table's two lines
change; everything else in a file stays as written.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from llm_advisor.catalog import builtin_catalog_dir, load_catalog
from llm_advisor.core.quality import UNMEASURED, best_scores, derived_tier


def wanted(cat) -> dict[str, tuple[int, str]]:
    best = best_scores(list(cat.models.values()))
    out = {}
    for m in cat.models.values():
        got = derived_tier(m, best)
        if got is None:
            basis = m.capability.basis
            if not basis.startswith(UNMEASURED):
                basis = f"{UNMEASURED} (no LMArena text score): {basis[0].lower()}{basis[1:]}"
            got = (m.capability.tier, basis)
        out[m.id] = got
    return out


CAPABILITY = re.compile(r"(?ms)^\[capability\]\n(?P<body>.*?)(?=^\[|\Z)")


def rewrite(text: str, tier: int, basis: str) -> str:
    def repl(match: re.Match[str]) -> str:
        body = match["body"]
        body = re.sub(r"(?m)^tier = .*$", f"tier = {tier}", body, count=1)
        body = re.sub(
            r'(?m)^basis = ".*"$', lambda _: f"basis = {json.dumps(basis, ensure_ascii=False)}", body, count=1
        )
        return "[capability]\n" + body

    return CAPABILITY.sub(repl, text, count=1)


def main(argv: list[str]) -> int:
    cat = load_catalog()
    root = builtin_catalog_dir()
    stale = []
    for mid, (tier, basis) in sorted(wanted(cat).items()):
        path = next(root.glob(f"models/*/{mid}.toml"))
        text = Path(path).read_text()
        new = rewrite(text, tier, basis)
        if new != text:
            stale.append(str(path))
            if "--check" not in argv:
                Path(path).write_text(new)
    for p in stale:
        print(("stale: " if "--check" in argv else "wrote ") + p)
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
