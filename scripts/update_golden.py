"""Rewrite tests/golden/ from what the commands print now (review the diff before committing).

python scripts/update_golden.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.golden_cases import GOLDEN, run_all  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as cache:
        got = run_all(ROOT, Path(cache))
    GOLDEN.mkdir(exist_ok=True)
    stale = {p.stem for p in GOLDEN.glob("*.txt")} - set(got)
    for name in sorted(stale):
        (GOLDEN / f"{name}.txt").unlink()
    changed = 0
    for name, text in sorted(got.items()):
        path = GOLDEN / f"{name}.txt"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            changed += 1
    print(f"{changed} golden files written, {len(stale)} removed, {len(got)} in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
