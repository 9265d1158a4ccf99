"""Generated catalogues and profiles: the loader and the recommender never crash, and
profiles round-trip through --save-profile / --profile unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.catalog import load_catalog
from llm_advisor.cli.files import profile_dict
from llm_advisor.core.recommend import recommend
from llm_advisor.errors import CatalogError
from llm_advisor.requirements import Requirements

from .conftest import FIXTURE, TODAY, revalidated, run_cli
from .test_recommend import requirements

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
)
values = st.recursive(
    scalars.filter(lambda v: v is not None),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3),
    max_leaves=6,
)
KEYS = [
    "name",
    "family",
    "aliases",
    "open_weights",
    "license",
    "params_b",
    "active_params_b",
    "context",
    "modalities",
    "released",
    "capability",
    "offerings",
    "sources",
    "as_of",
    "lifecycle",
    "architecture",
    "strengths",
    "fine_tuning",
    "bogus",
]


@SETTINGS
@given(
    mutation=st.dictionaries(st.sampled_from(KEYS), values, min_size=1, max_size=4),
    drop=st.lists(st.sampled_from(KEYS), max_size=3),
)
def test_mutated_model_files_never_crash_the_loader(mutation, drop):
    with tempfile.TemporaryDirectory() as tmp:
        _mutated_model_file(Path(tmp) / "cat", mutation, drop)


def _mutated_model_file(root: Path, mutation: dict, drop: list) -> None:
    shutil.copytree(FIXTURE, root)
    import tomllib

    path = root / "models" / "alpha" / "alpha-8b.toml"
    data = tomllib.loads(path.read_text())
    data.update(mutation)
    for key in drop:
        data.pop(key, None)
    path.write_text(tomli_w.dumps(data))
    try:
        cat = load_catalog([root], builtin=False)
    except CatalogError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
    else:
        recommend(cat, Requirements(budget=1000, tokens=10**7), today=TODAY)


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text_files_never_crash_the_loader(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "cat"
        shutil.copytree(FIXTURE, root)
        (root / "models" / "alpha" / "fuzz.toml").write_text(text)
        try:
            load_catalog([root], builtin=False)
        except CatalogError as exc:
            assert exc.problems


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(req=requirements)
def test_profiles_round_trip(tmp_path, req):
    first = tmp_path / "first.toml"
    first.write_text(tomli_w.dumps(profile_dict(req)))
    saved = tmp_path / "saved.toml"
    r = run_cli(
        "recommend", "--profile", str(first), "--save-profile", str(saved), "--no-input", "--json", "--top", "1"
    )
    assert r.code in (0, 1), r.stderr
    import tomllib

    assert tomllib.loads(saved.read_text()) == tomllib.loads(first.read_text())


# -- generated numbers: every value the published schema accepts -----------------------------


def _number(prop: dict, *, nullable: bool = True):
    """A strategy over the whole range a JSON Schema property allows (None too if nullable)."""
    options = prop.get("anyOf", [prop])
    numeric = next(o for o in options if o.get("type") in ("number", "integer"))
    lo = numeric.get("minimum", numeric.get("exclusiveMinimum"))
    hi = numeric.get("maximum")
    assert hi is not None, f"unbounded: {prop}"  # every catalogue number has a sanity bound
    if numeric["type"] == "integer":
        strategy = st.integers(lo + ("exclusiveMinimum" in numeric), hi)
    else:
        strategy = st.floats(lo, hi, exclude_min="exclusiveMinimum" in numeric, allow_nan=False, allow_infinity=False)
    return st.none() | strategy if nullable and any(o.get("type") == "null" for o in options) else strategy


@st.composite
def extreme_catalogues(draw, base):
    """The fixture catalogue with one open model and one GPU redrawn across the whole range the
    schema allows (from its minimum to its sanity bound), validated as a file would be."""
    import dataclasses

    from hypothesis import assume
    from pydantic import ValidationError

    from llm_advisor.base import json_data
    from llm_advisor.catalog.validation import adapter, validate_record
    from llm_advisor.records import Gpu, Model

    ms, gs = adapter(Model).json_schema(), adapter(Gpu).json_schema()
    arch, off = ms["$defs"]["Architecture"]["properties"], ms["$defs"]["Offering"]["properties"]
    m = json_data(base.models["alpha-70b"])
    m["params_b"] = draw(_number(ms["properties"]["params_b"]))
    m["active_params_b"] = None if m["params_b"] is None else draw(st.none() | st.floats(0.001, m["params_b"]))
    m["context"] = draw(_number(ms["properties"]["context"]))
    m["architecture"] = draw(
        st.none()
        | st.fixed_dictionaries({k: _number(arch[k]) for k in ("layers", "kv_heads", "head_dim")}).map(
            lambda a: {**a, "source": "generated"}
        )
    )
    m["offerings"] = [
        {
            **m["offerings"][0],
            "input": draw(_number(off["input"], nullable=False)),
            "output": draw(_number(off["output"], nullable=False)),
        }
    ]
    g = json_data(base.gpus["small"])
    g.update(
        {
            k: draw(_number(gs["properties"][k]))
            for k in ("memory_gb", "bandwidth_gbs", "fp16_tflops", "power_w", "hourly_usd", "purchase_usd")
        }
    )
    try:
        model, gpu = validate_record(Model, m), validate_record(Gpu, g)
    except ValidationError:
        assume(False)
    return dataclasses.replace(base, models={**base.models, model.id: model}, gpus={**base.gpus, gpu.id: gpu})


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    data=st.data(),
    req=requirements,
    tokens=st.integers(0, 10**18),
    context=st.integers(1, 200_000) | st.integers(1, 10**18),
)
def test_extreme_numbers_give_valid_json_not_crashes(fixture_catalog, data, req, tokens, context):
    """Whatever numbers a valid catalogue and the cost flags hold, `recommend`, `cost` and
    `compare` answer with finite numbers: JSON has no Infinity or NaN, so scripts can always
    parse the output."""
    import json

    from llm_advisor.base import json_data
    from llm_advisor.core.compare import compare_rows
    from llm_advisor.core.cost_report import cost_report
    from llm_advisor.requirements import ASSUMPTION_BOUNDS, CostAssumptions

    cat = data.draw(extreme_catalogues(fixture_catalog))
    req = replace(req, tokens=tokens, context=context)  # up to what the flags accept
    numbers = {
        k: (st.integers(int(lo), int(hi)) if whole else st.floats(lo, hi))
        for k, (lo, hi, whole) in ASSUMPTION_BOUNDS.items()
    }
    a = CostAssumptions(
        quantization=data.draw(st.sampled_from(["fp16", "fp8", "int8", "int4"])),
        **{k: data.draw(v) for k, v in numbers.items()},
    )
    advice = recommend(cat, req, today=TODAY, assumptions=a)
    json.dumps(json_data(advice), allow_nan=False)
    assert revalidated(advice) == advice
    model = cat.models["alpha-70b"]
    report = cost_report(model, cat, list(cat.gpus.values()), req.workload(), a, today=TODAY)
    json.dumps(json_data(report), allow_nan=False)
    compare_rows(cat, [model, cat.models["beta-pro"]], today=TODAY)
