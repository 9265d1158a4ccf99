"""Add long-context price tiers to the offerings genai-prices gives tiers for.

    python scripts/fill_long_context.py          # write them into catalog/models
    python scripts/fill_long_context.py --check  # exit 1 listing offerings that lack them

An offering whose ``price_ref`` has a ``TieredPrices`` input in genai-prices (on the day of its
latest stated price) gets ``long_context_above``, ``long_input`` and ``long_output`` right after
its ``output`` line; its ``source`` (the genai-prices key) covers them.  `catalog audit` checks
them afterwards like every other price.
"""

from __future__ import annotations

import re
import sys

from llm_advisor import prices
from llm_advisor.catalog import builtin_catalog_dir, load_catalog


def main(argv: list[str]) -> int:
    cat = load_catalog()
    root = builtin_catalog_dir()
    missing = []
    for m in cat.models.values():
        for off in m.offerings:
            if not off.price_ref or off.long_context_above is not None or off.input is None:
                continue
            day = max(c.start_date for c in off.price_changes) if off.price_changes else m.as_of
            got = prices.lookup(off.price_ref, day)
            if got is None or got.long_context_above is None:
                continue
            missing.append((m.id, off.host, off.price_ref, got))
    for mid, host, ref, got in missing:
        print(f"{mid} @ {host}: above {got.long_context_above:,} tokens {got.long_input:g} / {got.long_output:g}")
        if "--check" in argv:
            continue
        path = next(root.glob(f"models/*/{mid}.toml"))
        text = path.read_text()
        found = None
        for block in re.finditer(r"(?ms)^\[\[offerings\]\]\n(?:(?!^\[).)*", text):
            body = block.group(0)
            if f'host = "{host}"\n' in body and f'price_ref = "{ref}"\n' in body and "long_context_above" not in body:
                found = block
                break
        if not found:
            print(f"  {path}: offering not found", file=sys.stderr)
            continue
        body = found.group(0)
        lines = f"long_context_above = {got.long_context_above:_}\nlong_input = {got.long_input:g}\nlong_output = {got.long_output:g}\n"
        new_body = re.sub(r"(?m)^(output = .*\n)", lambda mo, extra=lines: mo.group(1) + extra, body, count=1)
        path.write_text(text[: found.start()] + new_body + text[found.end() :])
    return 1 if missing and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
