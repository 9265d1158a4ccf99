"""Time llm-advisor's JSON commands against the import floor, side by side in one run.

    python benchmarks/bench.py [--runs 7]

The floor is `python -c "import typer, rich.console, rich.table, pydantic, tomllib"` in this
environment; each command's median wall time is reported with its ratio to the floor, and
its peak memory (max RSS of the child process).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
CLI = [PY, "-c", "import sys; from llm_advisor.cli import main; sys.exit(main())"]


def measure(cmd: list[str], runs: int) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = __import__("os").wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if status != 0:
            raise SystemExit(f"command failed ({status}): {' '.join(cmd)}")
    return statistics.median(times), max(peaks)


def synthetic_catalog(n: int, dest: Path) -> Path:
    """An overlay of ``n`` extra models: copies of the real ones under new ids, aliases dropped."""
    import re

    from llm_advisor.catalog import builtin_catalog_dir

    sources = sorted((builtin_catalog_dir() / "models").glob("*/*.toml"))
    texts = [(p.parent.name, re.sub(r"(?m)^aliases = \[.*?\]\n", "", p.read_text(), flags=re.S)) for p in sources]
    for i in range(n):
        lab, text = texts[i % len(texts)]
        folder = dest / "models" / lab
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"synthetic-{i:05d}.toml").write_text(text)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", type=int, nargs="*", default=[1000, 10000], help="synthetic catalogue sizes (extra models)")
    args = parser.parse_args()
    profile = Path(tempfile.mkdtemp()) / "p.toml"
    profile.write_text('budget = 2000\ntokens = "50M"\nsensitivity = "confidential"\nhosting = "private-cloud"\n')
    rows = [
        ("import floor (typer, rich, pydantic, tomllib)", [PY, "-c", "import typer, rich.console, rich.table, pydantic, tomllib"]),
        ("compare llama gpt-4 --json", [*CLI, "compare", "llama", "gpt-4", "--json"]),
        ("recommend --profile P --json --no-input", [*CLI, "recommend", "--profile", str(profile), "--json", "--no-input"]),
        ("list --json", [*CLI, "list", "--json"]),
    ]
    results = [(name, *measure(cmd, args.runs)) for name, cmd in rows]
    import os
    import shutil

    for n in args.scale:
        overlay = synthetic_catalog(n, Path(tempfile.mkdtemp()) / "cat")
        cache = Path(tempfile.mkdtemp())
        os.environ["LLM_ADVISOR_CACHE_DIR"] = str(cache)
        cmd = [*CLI, "--catalog", str(overlay), "recommend", "--profile", str(profile), "--json", "--no-input"]
        shutil.rmtree(cache, ignore_errors=True)
        results.append((f"recommend, +{n:,} models, cold", *measure(cmd, 1)))
        results.append((f"recommend, +{n:,} models, warm", *measure(cmd, max(3, args.runs // 2))))
        os.environ.pop("LLM_ADVISOR_CACHE_DIR")
    floor = results[0][1]
    print(f"{'what':<48} {'median ms':>10} {'x floor':>8} {'peak MB':>8}")
    for name, t, peak in results:
        print(f"{name:<48} {t * 1000:>10.0f} {t / floor:>8.2f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
