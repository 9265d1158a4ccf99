"""Loader, cross-checks and name resolution on the small fixture catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from llm_advisor.catalog import load_catalog, validate
from llm_advisor.errors import CatalogError, NotFoundError

from .conftest import FIXTURE


def test_fixture_loads(fixture_catalog):
    assert sorted(fixture_catalog.models) == [
        "alpha-70b",
        "alpha-8b",
        "alpha-research",
        "beta-legacy",
        "beta-mini",
        "beta-old",
        "beta-pro",
    ]
    m = fixture_catalog.models["alpha-8b"]
    assert m.lab == "alpha" and m.id == "alpha-8b"


@pytest.mark.parametrize(
    "query,model,how",
    [
        ("alpha-8b", "alpha-8b", "id"),
        ("ALPHA-8B", "alpha-8b", "id"),
        ("Alpha 8B", "alpha-8b", "id"),
        ("alpha8b", "alpha-8b", "id"),
        ("a8", "alpha-8b", "alias"),
        ("alpha", "alpha-70b", "family"),  # best tier, then newest
        ("beta", "beta-pro", "family"),
        ("alpah-8b", "alpha-8b", "near-miss"),
    ],
)
def test_resolve(fixture_catalog, query, model, how):
    res = fixture_catalog.resolve(query)
    assert (res.model.id, res.how) == (model, how)
    if how == "family":
        assert "flagship" in res.note and "others" in res.note
    if how == "near-miss":
        assert "did you mean" in res.note


@pytest.mark.parametrize("query", ["", "   ", "zzzzzz", "gamma-9000"])
def test_resolve_nothing(fixture_catalog, query):
    with pytest.raises(NotFoundError):
        fixture_catalog.resolve(query)


def test_flagship_skips_retired(fixture_catalog):
    assert fixture_catalog.flagship("beta").id == "beta-pro"


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "cat"
    shutil.copytree(FIXTURE, dest)
    return dest


def _problems(root: Path):
    return validate([root], builtin=False)


def test_every_problem_reported_with_file_line_field(tmp_path):
    root = _copy(tmp_path)
    m = root / "models" / "alpha" / "alpha-8b.toml"
    text = (
        m.read_text()
        .replace('license = "apache-2.0"', 'license = "nope"')
        .replace("context = 128_000", 'context = "big"\ncolour = "blue"')
    )
    m.write_text(text)
    (root / "models" / "beta" / "beta-mini.toml").write_text(
        (root / "models" / "beta" / "beta-mini.toml").read_text().replace('host = "beta-api"', 'host = "ghost"')
    )
    probs = _problems(root)
    fields = {(Path(p.file).name, p.field) for p in probs}
    assert ("alpha-8b.toml", "context") in fields
    assert ("alpha-8b.toml", "colour") in fields
    assert ("beta-mini.toml", "offerings.0.host") in fields
    ctx = next(p for p in probs if p.field == "context")
    assert ctx.line == text.splitlines().index('context = "big"') + 1
    colour = next(p for p in probs if p.field == "colour")
    assert "unknown key" in colour.message


def test_dangling_licence_names_known(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "alpha" / "alpha-8b.toml"
    p.write_text(p.read_text().replace('license = "apache-2.0"', 'license = "llama-9"'))
    probs = _problems(root)
    assert any("license 'llama-9' is not in licenses.toml; known:" in x.message for x in probs)


def test_toml_syntax_error_has_line(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "alpha" / "alpha-8b.toml"
    p.write_text('name = "x"\nfamily = \n')
    probs = _problems(root)
    assert len(probs) == 1 and probs[0].line == 2 and "TOML syntax error" in probs[0].message


def test_duplicate_ids_and_aliases(tmp_path):
    root = _copy(tmp_path)
    (root / "models" / "beta" / "alpha-8b.toml").write_text((root / "models" / "alpha" / "alpha-8b.toml").read_text())
    p = root / "models" / "beta" / "beta-mini.toml"
    p.write_text(p.read_text().replace('family = "beta"', 'family = "beta"\naliases = ["a8"]'))
    msgs = [x.message for x in _problems(root)]
    assert any("also defined in" in m for m in msgs)
    assert any("alias 'a8' is already an alias of 'alpha-8b'" in m for m in msgs)


def test_alias_equal_to_another_id(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "beta" / "beta-mini.toml"
    p.write_text(p.read_text().replace('family = "beta"', 'family = "beta"\naliases = ["beta-pro"]'))
    assert any("is the id of 'beta-pro'" in x.message for x in _problems(root))


@pytest.mark.parametrize(
    "edit,needle",
    [
        (("params_b = 8", "params_b = 8\nactive_params_b = 9"), "exceeds"),
        (("input = 0.10", "input = -1.0"), "greater than or equal to 0"),
        (("output = 0.20", ""), "both input and output"),
        (('name = "Alpha 8B"\n', ""), "required key is missing"),
    ],
)
def test_schema_rules(tmp_path, edit, needle):
    root = _copy(tmp_path)
    p = root / "models" / "alpha" / "alpha-8b.toml"
    text = p.read_text()
    if edit[0] == "params_b = 8":
        text = text.replace("active_params_b = 8\n", "")
    p.write_text(text.replace(*edit))
    assert any(needle in x.message for x in _problems(root)), _problems(root)


def test_whole_number_price_is_accepted(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "alpha" / "alpha-8b.toml"
    p.write_text(p.read_text().replace("input = 0.10", "input = 1"))
    assert _problems(root) == []


def test_closed_model_cannot_be_self_hosted(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "beta" / "beta-mini.toml"
    p.write_text(p.read_text() + '\n[[offerings]]\nhost = "self"\nkind = "self-hosted"\n')
    assert any("closed-weight model cannot have a self-hosted offering" in x.message for x in _problems(root))


def test_open_weights_must_match_licence(tmp_path):
    root = _copy(tmp_path)
    p = root / "models" / "beta" / "beta-mini.toml"
    p.write_text(p.read_text().replace('license = "beta-terms"', 'license = "apache-2.0"'))
    assert any(x.field == "open_weights" for x in _problems(root))


def test_unquoted_dotted_table_name(tmp_path):
    root = _copy(tmp_path)
    p = root / "licenses.toml"
    p.write_text(p.read_text().replace('["apache-2.0"]', "[apache-2.0]"))
    assert any("must be quoted" in x.message for x in _problems(root))


def test_file_instead_of_directory(tmp_path):
    f = tmp_path / "file.toml"
    f.write_text("x = 1")
    with pytest.raises(CatalogError) as info:
        load_catalog([f], builtin=False)
    assert "is a file" in str(info.value)


def test_overlay_replaces_and_extends(tmp_path):
    over = tmp_path / "over"
    (over / "models" / "alpha").mkdir(parents=True)
    text = (
        (FIXTURE / "models" / "alpha" / "alpha-8b.toml")
        .read_text()
        .replace('name = "Alpha 8B"', 'name = "Alpha 8B (ours)"')
    )
    (over / "models" / "alpha" / "alpha-8b.toml").write_text(text)
    (over / "models" / "acme").mkdir()
    (over / "models" / "acme" / "acme-tuned.toml").write_text(
        text.replace('aliases = ["a8"]', 'aliases = ["acme"]').replace('family = "alpha"', 'family = "acme"')
    )
    cat = load_catalog([FIXTURE, over], builtin=False)
    assert cat.models["alpha-8b"].name == "Alpha 8B (ours)"
    assert cat.models["acme-tuned"].license == "apache-2.0"  # names a licence of the layer below
    assert cat.lab_name("acme") == "acme"


def test_oversized_file_refused(tmp_path):
    root = _copy(tmp_path)
    (root / "models" / "alpha" / "huge.toml").write_text("# " + "x" * 1_100_000 + "\n")
    assert any("limit" in x.message for x in _problems(root))


def test_suggestions_are_names_people_type(real_catalog):
    names = (
        {m.id for m in real_catalog.models.values()}
        | {a for m in real_catalog.models.values() for a in m.aliases}
        | {m.family for m in real_catalog.models.values()}
    )
    got = real_catalog.suggest("clod-opus")
    assert got and set(got) <= names
