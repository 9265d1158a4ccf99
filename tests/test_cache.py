"""The validated-catalogue cache: used when nothing changed, rebuilt when anything did."""

from __future__ import annotations

import os
import shutil
import time

from llm_advisor.catalog import cache

from .conftest import FIXTURE, run_cli


def test_cache_is_written_reused_and_invalidated(tmp_path, monkeypatch):
    monkeypatch.setenv("LLM_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    over = tmp_path / "over"
    shutil.copytree(FIXTURE, over)
    first = run_cli(
        "--catalog", str(over), "show", "alpha-8b", "--json", env={"LLM_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    )
    assert first.code == 0 and first.json()["model"]["name"] == "Alpha 8B"
    files = list((tmp_path / "cache").glob("catalog-*.pickle"))
    assert len(files) == 1
    # Same files: served from the cache (the pickle is read, not rewritten).
    stamp = files[0].stat().st_mtime_ns
    run_cli(
        "--catalog", str(over), "show", "alpha-8b", "--json", env={"LLM_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    )
    assert files[0].stat().st_mtime_ns == stamp
    # A change to any file is seen at once.
    model = over / "models" / "alpha" / "alpha-8b.toml"
    time.sleep(0.01)
    model.write_text(model.read_text().replace('name = "Alpha 8B"', 'name = "Alpha 8B v2"'))
    again = run_cli(
        "--catalog", str(over), "show", "alpha-8b", "--json", env={"LLM_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    )
    assert again.json()["model"]["name"] == "Alpha 8B v2"
    assert len(list((tmp_path / "cache").glob("catalog-*.pickle"))) == 1  # the old one is gone


def test_a_broken_catalogue_is_never_cached(tmp_path):
    env = {"LLM_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    bad = tmp_path / "bad"
    (bad / "hosts").mkdir(parents=True)
    (bad / "hosts" / "x.toml").write_text("kind = 1\n")
    assert run_cli("--catalog", str(bad), "list", env=env).code == 3
    assert run_cli("--catalog", str(bad), "list", env=env).code == 3
    assert not list((tmp_path / "cache").glob("catalog-*.pickle"))


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("LLM_ADVISOR_CACHE_DIR", str(tmp_path))
    cat = cache.load_catalog_cached(cache_dir=tmp_path)
    (path,) = tmp_path.glob("catalog-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.load_catalog_cached(cache_dir=tmp_path).models.keys() == cat.models.keys()


def test_cache_can_be_turned_off(tmp_path):
    env = {"LLM_ADVISOR_CACHE_DIR": str(tmp_path), "LLM_ADVISOR_NO_CACHE": "1"}
    assert run_cli("list", "--json", env=env).code == 0
    assert os.listdir(tmp_path) == []
    assert cache.load_catalog_cached(cache_dir=None).models


def test_a_change_to_the_pickled_types_invalidates_the_cache(tmp_path, monkeypatch):
    """An editable install (or a reinstall without a version bump) that changes records.py must
    not meet pickles of the old classes."""
    import shutil

    from llm_advisor.catalog import fingerprint

    before = cache.fingerprint([FIXTURE])
    assert cache.fingerprint([FIXTURE]) == before
    copy = tmp_path / "llm_advisor"
    shutil.copytree(fingerprint.PACKAGE, copy)
    monkeypatch.setattr(fingerprint, "PACKAGE", copy)
    assert cache.fingerprint([FIXTURE]) == before  # same files, same sizes and times
    (copy / "records.py").write_text((copy / "records.py").read_text() + "\n# a new field\n")
    assert cache.fingerprint([FIXTURE]) != before
