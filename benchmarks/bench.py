"""Time llm-advisor's JSON commands against the import floor, side by side in one run.

    python benchmarks/bench.py [--runs 7]

The floor is `python -c "import typer, rich.console, rich.table, pydantic, tomllib"` in this
environment; each command's median wall time is reported with its ratio to the floor, and
its peak memory (max RSS of the child process).

Two reference rows run a one-command, one-option Typer app, bare and validating its input
with one pydantic model: what any Typer CLI costs before it does any work (Typer 0.29 builds
a pydantic TypeAdapter per parameter, which imports pydantic's validation machinery), and
what any CLI that validates with pydantic costs.  The package is byte-compiled first and every
command runs once untimed, so the timings are of warm runs, as an installed wheel behaves.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
CLI = [PY, "-c", "import sys; from llm_advisor.cli import main; sys.exit(main())"]


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"command failed ({status}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(cmd: list[str], runs: int) -> tuple[float, float, float]:
    samples = [run_once(cmd) for _ in range(runs)]
    times = [t for t, _ in samples]
    return min(times), statistics.median(times), max(p for _, p in samples)


def measure_interleaved(cmds: list[list[str]], runs: int) -> list[tuple[float, float, float]]:
    """Best and median time and peak memory of each command, run interleaved (every command once
    a round, in a shuffled order) so that a machine that speeds up or slows down during the
    benchmark shifts every row alike, not the ratios."""
    import random

    samples: list[list[tuple[float, float]]] = [[] for _ in cmds]
    order = list(range(len(cmds)))
    shuffle = random.Random(0).shuffle  # a new order each round, the same on every run
    for _ in range(runs):
        shuffle(order)
        for i in order:
            samples[i].append(run_once(cmds[i]))
    out = []
    for s in samples:
        times = [t for t, _ in s]
        out.append((min(times), statistics.median(times), max(p for _, p in s)))
    return out


def synthetic_catalog(n: int, dest: Path, *, distinct: bool = True) -> Path:
    """An overlay of ``n`` extra models: copies of the real ones under new ids, aliases dropped.

    With ``distinct``, each copy's parameter counts are scaled by a different tiny factor, so
    no two models share a size: the recommender sizes GPUs once per distinct architecture, and
    exact copies would flatter it.
    """
    import re

    from llm_advisor.catalog import builtin_catalog_dir

    sources = sorted((builtin_catalog_dir() / "models").glob("*/*.toml"))
    texts = [(p.parent.name, re.sub(r"(?m)^aliases = \[.*?\]\n", "", p.read_text(), flags=re.S)) for p in sources]
    params = re.compile(r"(?m)^((?:active_)?params_b) = ([0-9.]+)$")
    for i in range(n):
        lab, text = texts[i % len(texts)]
        if distinct:
            factor = 1 + (i + 1) * 1e-6
            text = params.sub(lambda mt, f=factor: f"{mt[1]} = {float(mt[2]) * f:.9g}", text)
        folder = dest / "models" / lab
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"synthetic-{i:05d}.toml").write_text(text)
    return dest


HELLO = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str, json: bool = False) -> None:
    print(name)
app()
"""


HELLO_PYDANTIC = """
import typer
from pydantic import BaseModel, Field
class Args(BaseModel):
    name: str = Field(min_length=1)
app = typer.Typer()
@app.command()
def hello(name: str, json: bool = False) -> None:
    print(Args(name=name).model_dump_json())
app()
"""


COMPLETE = """
import os, sys
os.environ.update(_LLM_ADVISOR_COMPLETE="complete_bash", COMP_WORDS="llm-advisor show gemma-4", COMP_CWORD="2")
from llm_advisor.cli import main
sys.exit(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--scale", type=int, nargs="*", default=[1000, 10000], help="synthetic catalogue sizes (extra models)"
    )
    parser.add_argument(
        "--same-sizes", action="store_true", help="exact copies (repeated architectures), not distinct sizes"
    )
    args = parser.parse_args()

    import llm_advisor

    # Measure what an installed wheel does: byte-compiled modules, bytecode writes allowed.
    compileall.compile_dir(Path(llm_advisor.__file__).parent, quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="llm-advisor-bench-") as tmp:
        work = Path(tmp)
        profile = work / "p.toml"
        profile.write_text('budget = 2000\ntokens = "50M"\nsensitivity = "confidential"\nhosting = "private-cloud"\n')
        policy = Path(__file__).resolve().parents[1] / "docs" / "examples" / "policy.toml"
        rows = [
            (
                "import floor (typer, rich, pydantic, tomllib)",
                [PY, "-c", "import typer, rich.console, rich.table, pydantic, tomllib"],
            ),
            ("Typer hello-world (1 command, 1 option)", [PY, "-c", HELLO, "x", "--json"]),
            ("  same, validating with one pydantic model", [PY, "-c", HELLO_PYDANTIC, "x", "--json"]),
            ("compare llama gpt-4 --json", [*CLI, "compare", "llama", "gpt-4", "--json"]),
            (
                "recommend --profile P --json --no-input",
                [*CLI, "recommend", "--profile", str(profile), "--json", "--no-input"],
            ),
            (
                "recommend --profile P --policy F --json",
                [*CLI, "recommend", "--profile", str(profile), "--policy", str(policy), "--json", "--no-input"],
            ),
            (
                "recommend --profile P --format html",
                [*CLI, "recommend", "--profile", str(profile), "--format", "html", "--no-input"],
            ),
            (
                "check --policy F (3 models) --json",
                [
                    *CLI,
                    "check",
                    "--policy",
                    str(policy),
                    "devstral-2",
                    "llama-3.3-70b@aws-bedrock",
                    "gemma-4-31b",
                    "--json",
                ],
            ),
            ("list --json", [*CLI, "list", "--json"]),
            ("show gpt-4o --json", [*CLI, "show", "gpt-4o", "--json"]),
            ("cost llama-3.3-70b --tokens 50M --json", [*CLI, "cost", "llama-3.3-70b", "--tokens", "50M", "--json"]),
            ("--version", [*CLI, "--version"]),
            ("completion of a model name (bash)", [PY, "-c", COMPLETE]),
        ]
        for _, cmd in rows:
            run_once(cmd)  # warm-up: fills the catalogue cache
        timed = measure_interleaved([cmd for _, cmd in rows], args.runs)
        results = [(name, *m) for (name, _), m in zip(rows, timed, strict=True)]
        for n in args.scale:
            overlay = synthetic_catalog(n, work / f"cat-{n}", distinct=not args.same_sizes)
            os.environ["LLM_ADVISOR_CACHE_DIR"] = str(work / f"cache-{n}")  # starts empty: cold
            cmd = [*CLI, "--catalog", str(overlay), "recommend", "--profile", str(profile), "--json", "--no-input"]
            results.append((f"recommend, +{n:,} models, cold", *measure(cmd, 1)))
            results.append((f"recommend, +{n:,} models, warm", *measure(cmd, max(3, args.runs // 2))))
            os.environ.pop("LLM_ADVISOR_CACHE_DIR")
    floor_best, floor_median = results[0][1], results[0][2]
    print(f"{'what':<48} {'best ms':>8} {'x floor':>8} {'median ms':>10} {'x floor':>8} {'peak MB':>8}")
    for name, best, median, peak in results:
        print(
            f"{name:<48} {best * 1000:>8.0f} {best / floor_best:>8.2f} {median * 1000:>10.0f} {median / floor_median:>8.2f} {peak:>8.0f}"
        )
    print("\nbest = fastest run (noise only ever adds time); runs are interleaved, so ratios share conditions")


if __name__ == "__main__":
    main()
