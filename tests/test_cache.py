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
    files = list((tmp_path / "cache").glob("llm-advisor-catalog-*.pickle"))
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
    assert len(list((tmp_path / "cache").glob("llm-advisor-catalog-*.pickle"))) == 1  # the old one is gone


def test_a_broken_catalogue_is_never_cached(tmp_path):
    env = {"LLM_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    bad = tmp_path / "bad"
    (bad / "hosts").mkdir(parents=True)
    (bad / "hosts" / "x.toml").write_text("kind = 1\n")
    assert run_cli("--catalog", str(bad), "list", env=env).code == 3
    assert run_cli("--catalog", str(bad), "list", env=env).code == 3
    assert not list((tmp_path / "cache").glob("llm-advisor-catalog-*.pickle"))


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("LLM_ADVISOR_CACHE_DIR", str(tmp_path))
    cat = cache.load_catalog_cached(cache_dir=tmp_path)
    (path,) = tmp_path.glob("llm-advisor-catalog-*.pickle")
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


def test_the_cache_removes_only_its_own_files(tmp_path):
    """A shared cache folder keeps every file the cache did not write (another tool's
    catalog-*.pickle included); its own older caches and stale temporaries go."""
    import os

    from llm_advisor.catalog.cache import load_catalog_cached

    cache = tmp_path / "cache"
    cache.mkdir()
    others = [cache / "catalog-0123.pickle", cache / "names-x.txt", cache / "notes.txt"]
    for p in others:
        p.write_text("not ours")
    ours_old = cache / ("llm-advisor-catalog-" + "0" * 32 + ".pickle")
    ours_old.write_bytes(b"old")
    stale = cache / (".llm-advisor-catalog-" + "1" * 32 + ".pickle.abc123.tmp")
    fresh = cache / (".llm-advisor-catalog-" + "2" * 32 + ".pickle.def456.tmp")
    stale.write_bytes(b"left by a killed run")
    fresh.write_bytes(b"another run writing now")
    os.utime(stale, (1, 1))  # long ago
    load_catalog_cached([], cache_dir=cache)
    assert all(p.exists() for p in others)
    assert not ours_old.exists() and not stale.exists()
    assert fresh.exists()  # young: perhaps another run's, still being written
    assert len(list(cache.glob("llm-advisor-catalog-*.pickle"))) == 1
