"""Check (and refit) the serving model against the published throughput table.

    python scripts/calibrate_serving.py          # every point: measured, predicted, error
    python scripts/calibrate_serving.py --fit    # a seeded random search for better constants

tests/test_serving_calibration.py holds the same predictions within 35% each and 20% median.
"""

from __future__ import annotations

import dataclasses
import math
import random
import statistics
import sys
import tomllib
from pathlib import Path

from llm_advisor.catalog import load_catalog
from llm_advisor.core.serving import ENGINE, Engine, throughput

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "throughput.toml"
PRECISION = {"fp16": "bf16", "bf16": "bf16", "fp8": "fp8", "nvfp4": "nvfp4", "mxfp4": "mxfp4"}


def points(include_excluded: bool = False) -> list[dict]:
    rows = tomllib.loads(TABLE.read_text())["point"]
    return [p for p in rows if include_excluded or "excluded" not in p]


def predict(point: dict, catalog, engine: Engine = ENGINE) -> float | None:
    """Predicted output tokens per second for the point's GPUs (all replicas)."""
    model = catalog.models[point["model_id"]]
    gpu = catalog.gpus[point["gpu_id"]]
    tp = point["tensor_parallel"] or 1
    replicas = max(1, point["gpus"] // tp)
    per_replica = point["concurrency"] // replicas if point["concurrency"] else None
    got = throughput(
        model,
        gpu,
        tp,
        precision=PRECISION[point["precision"]],
        input_tokens=point["input_tokens"],
        output_tokens=point["output_tokens"],
        kv_bytes=1.0 if point["kv_precision"] == "fp8" else 2.0,
        concurrency=per_replica,
        engine=engine,
    )
    return None if got is None else replicas * got.output_tokens_per_s


def errors(catalog, engine: Engine = ENGINE) -> list[tuple[dict, float | None, float | None]]:
    out = []
    for p in points():
        y = predict(p, catalog, engine)
        out.append((p, y, None if y is None else y / p["output_tokens_per_s"] - 1))
    return out


def summary(rows) -> tuple[float, float]:
    errs = [abs(e) if e is not None else math.inf for _, _, e in rows]
    return max(errs), statistics.median(errs)


def main(argv: list[str]) -> int:
    catalog = load_catalog()
    engine = ENGINE
    if "--fit" in argv:
        rng = random.Random(1)
        fields = [
            f.name for f in dataclasses.fields(Engine) if f.name not in ("pipeline_efficiency", "internode_latency_us")
        ]
        best = (sum(summary(errors(catalog, engine))), engine)
        for _ in range(3000):
            changes = {f: getattr(best[1], f) * rng.uniform(0.8, 1.25) for f in rng.sample(fields, 3)}
            for f in (
                "memory_fraction",
                "bandwidth_efficiency",
                "linear_mfu",
                "prefill_mfu",
                "attention_mfu",
                "link_efficiency",
                "prefill_comm_share",
                "moe_prefill_efficiency",
            ):
                if f in changes:
                    changes[f] = min(changes[f], 0.95)
            trial = dataclasses.replace(best[1], **changes)
            score = sum(summary(errors(catalog, trial)))
            if score < best[0]:
                best = (score, trial)
        engine = best[1]
        print(engine)
    rows = errors(catalog, engine)
    for p, y, e in rows:
        shown = "   n/a" if e is None else f"{e:+6.0%}"
        print(
            f"{p['model_id']:18} {p['precision']:5} {p['gpu_id']:10} x{p['gpus']} tp{p['tensor_parallel']} "
            f"{p['input_tokens']:>6}/{p['output_tokens']:<5} c={p['concurrency']:<5} "
            f"measured {p['output_tokens_per_s']:>8.0f}  predicted {y or 0:>8.0f}  {shown}"
        )
    worst, median = summary(rows)
    print(f"{len(rows)} points: worst {worst:.0%}, median {median:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
