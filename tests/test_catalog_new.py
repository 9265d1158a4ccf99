"""catalog new: a template that fails validation until filled in, then validates and loads."""

from __future__ import annotations

from .conftest import run_cli


def test_template_validates_once_filled_in(tmp_path):
    r = run_cli("catalog", "new", "acme-support-70b", "--lab", "acme", "--dir", str(tmp_path))
    assert r.code == 0, r.stderr
    path = tmp_path / "models" / "acme" / "acme-support-70b.toml"
    text = path.read_text()
    assert "TODO" in text and "llama3.3" in text  # lists the licence ids to choose from
    # As written, the TODOs are reported (empty licence, no sources, no basis).
    bad = run_cli("catalog", "validate", str(tmp_path))
    assert bad.code == 3 and "license" in bad.stderr and "sources" in bad.stderr and "capability.basis" in bad.stderr
    filled = (
        text.replace('name = ""', 'name = "ACME support 70B"')
        .replace('license = ""', 'license = "llama3.3"')
        .replace("# params_b = 70 ", "params_b = 70 ")
        .replace("sources = []", 'sources = ["internal model card v2"]')
        .replace('basis = ""', 'basis = "Fine-tune of Llama 3.3 70B on our support tickets."')
    )
    path.write_text(filled)
    ok = run_cli("catalog", "validate", str(tmp_path))
    assert ok.code == 0, ok.stderr
    shown = run_cli("--catalog", str(tmp_path), "show", "acme-support-70b", "--json").json()["model"]
    assert shown["lab"] == "acme" and shown["license"]["id"] == "llama3.3"
    cost = run_cli("--catalog", str(tmp_path), "cost", "acme-support-70b", "--tokens", "100M", "--json").json()
    sized = cost["self_hosting"]
    assert sized["weights_gb"] == 140 and sized["kv_cache_estimated"]  # BF16 assumed, layout unpublished


def test_refuses_to_overwrite_and_bad_ids(tmp_path):
    assert run_cli("catalog", "new", "m1", "--lab", "acme", "--dir", str(tmp_path)).code == 0
    again = run_cli("catalog", "new", "m1", "--lab", "acme", "--dir", str(tmp_path))
    assert again.code == 2 and "--force" in again.stderr
    assert run_cli("catalog", "new", "m1", "--lab", "acme", "--dir", str(tmp_path), "--force").code == 0
    bad = run_cli("catalog", "new", "My Model", "--lab", "acme", "--dir", str(tmp_path))
    assert bad.code == 2 and "MODEL-ID" in bad.stderr
    missing = run_cli("catalog", "new", "m2", "--dir", str(tmp_path))
    assert missing.code == 2 and "--lab" in missing.stderr
