"""Generated catalogues and profiles: the loader and the recommender never crash, and
profiles round-trip through --save-profile / --profile unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.catalog import load_catalog
from llm_advisor.errors import CatalogError
from llm_advisor.models import Requirements
from llm_advisor.recommender import recommend
from llm_advisor.requirements import profile_dict

from .conftest import FIXTURE, TODAY, run_cli
from .test_recommend import requirements

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
)
values = st.recursive(scalars.filter(lambda v: v is not None), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3), max_leaves=6)
KEYS = ["name", "family", "aliases", "open_weights", "license", "params_b", "active_params_b", "context", "modalities", "released", "capability", "offerings", "sources", "as_of", "lifecycle", "architecture", "strengths", "fine_tuning", "bogus"]


@SETTINGS
@given(mutation=st.dictionaries(st.sampled_from(KEYS), values, min_size=1, max_size=4), drop=st.lists(st.sampled_from(KEYS), max_size=3))
def test_mutated_model_files_never_crash_the_loader(mutation, drop):
    root = Path(tempfile.mkdtemp()) / "cat"
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
    root = Path(tempfile.mkdtemp()) / "cat"
    shutil.copytree(FIXTURE, root)
    (root / "models" / "alpha" / "fuzz.toml").write_text(text)
    try:
        load_catalog([root], builtin=False)
    except CatalogError as exc:
        assert exc.problems


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(req=requirements)
def test_profiles_round_trip(tmp_path, req):
    first = tmp_path / "first.toml"
    first.write_text(tomli_w.dumps(profile_dict(req)))
    saved = tmp_path / "saved.toml"
    r = run_cli("recommend", "--profile", str(first), "--save-profile", str(saved), "--no-input", "--json", "--top", "1")
    assert r.code in (0, 1), r.stderr
    import tomllib

    assert tomllib.loads(saved.read_text()) == tomllib.loads(first.read_text())
