"""A team's policy (contract 0.2, "A policy file"): each rule against catalogue facts, the
file's problems with file, line and key, `llm-advisor check` (exit codes, JSON, --from-file),
`recommend --policy`, and `catalog validate|schema` for policies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from llm_advisor.core.policy import (
    CHECK_WORKLOAD,
    PRICE_UNCHECKED,
    check,
    license_conditions,
    model_violations,
    policy_problems,
    resolve_target,
    way_violations,
    ways,
)
from llm_advisor.core.recommend import recommend
from llm_advisor.policy import LICENSE_CONDITIONS, POLICY_KEYS, Policy
from llm_advisor.requirements import build

from .conftest import TODAY, run_cli


@pytest.fixture(scope="module")
def cat(real_catalog):
    return real_catalog.on(TODAY)


def _policy(tmp_path: Path, text: str, name: str = "policy.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def rules(v):
    return sorted({x.rule for x in v})


# ---------------------------------------------------------------------------------------------
# Each rule, against the facts of the built-in catalogue
# ---------------------------------------------------------------------------------------------


def test_licence_conditions_read_the_licence_facts(cat):
    """Each condition from its own fact: Llama 3.3's 700M MAU cap, the C4AI licence's
    non-commercial terms, Llama 4's EU exclusion, Falcon-180B's hosting clause, Mistral's
    revenue-capped MIT, and closed terms forbidding output training."""
    assert "user-cap" in license_conditions(cat.licenses["llama3.3"])
    assert "non-commercial" in license_conditions(cat.licenses["cc-by-nc-4.0-c4ai"])
    assert "territorial" in license_conditions(cat.licenses["llama4"])
    assert "hosting-clause" in license_conditions(cat.licenses["falcon-180b"])
    assert "revenue-cap" in license_conditions(cat.licenses["mistral-modified-mit"])
    assert "output-training" in license_conditions(cat.licenses["openai-terms"])
    assert license_conditions(cat.licenses["apache-2.0"]) == []
    covered = {c for lic in cat.licenses.values() for c in license_conditions(lic)}
    assert covered == set(LICENSE_CONDITIONS)  # every condition is carried by some licence


def test_model_rules(cat):
    m = cat.models["llama-3.3-70b"]
    lic = cat.licenses[m.license]
    assert model_violations(Policy(), m, lic, TODAY) == []
    found = model_violations(Policy(deny_license_conditions=["user-cap"]), m, lic, TODAY)
    assert rules(found) == ["deny_license_conditions"]
    assert "700M" in found[0].fact and found[0].source == lic.sources[0]
    assert rules(model_violations(Policy(deny_licenses=["llama3.3"]), m, lic, TODAY)) == ["deny_licenses"]
    assert rules(model_violations(Policy(allow_licenses=["apache-2.0"]), m, lic, TODAY)) == ["allow_licenses"]
    assert rules(model_violations(Policy(deny_labs=["meta"]), m, lic, TODAY)) == ["deny_labs"]
    assert rules(model_violations(Policy(allow_labs=["google"]), m, lic, TODAY)) == ["allow_labs"]
    assert model_violations(Policy(allow_labs=["meta"], allow_licenses=["llama3.3"]), m, lic, TODAY) == []


def test_min_days_to_shutdown_reads_the_announced_date(cat):
    """GPT-4o shuts down on 2027-01-14 (OpenAI's deprecations page): 44 days after 2026-12-01."""
    m = cat.models["gpt-4o"]
    lic = cat.licenses[m.license]
    assert m.lifecycle.date is not None
    days = (m.lifecycle.date - TODAY).days
    assert model_violations(Policy(min_days_to_shutdown=days), m, lic, TODAY) == []
    found = model_violations(Policy(min_days_to_shutdown=days + 1), m, lic, TODAY)
    assert rules(found) == ["min_days_to_shutdown"] and str(m.lifecycle.date) in found[0].fact
    assert found[0].source.startswith("https://")
    # A model with no announced shutdown never breaks it.
    active = cat.models["gemma-4-31b"]
    assert active.lifecycle.date is None
    assert model_violations(Policy(min_days_to_shutdown=10_000), active, cat.licenses[active.license], TODAY) == []


def test_way_rules(cat):
    m = cat.models["llama-3.3-70b"]
    by_host = {w.host.id: w for w in ways(m, cat)}
    assert "self" in by_host and "aws-bedrock" in by_host
    bedrock, self_ = by_host["aws-bedrock"], by_host["self"]

    def v(p, way, **kw):
        kw.setdefault("sensitivity", None)
        kw.setdefault("usd_per_mtok", PRICE_UNCHECKED)
        return rules(way_violations(p, m, way, **kw))

    assert v(Policy(deny_hosts=["aws-bedrock"]), bedrock) == ["deny_hosts"]
    assert v(Policy(allow_hosts=["self"]), bedrock) == ["allow_hosts"]
    assert v(Policy(allow_hosts=["self"]), self_) == []
    assert v(Policy(allow_clouds=["gcp"]), bedrock) == ["allow_clouds"]
    assert v(Policy(allow_clouds=["gcp"]), self_) == []  # self-hosting is no managed service
    assert v(Policy(allow_kinds=["vendor-api"]), bedrock) == ["allow_kinds"]  # Bedrock runs in your account
    assert v(Policy(allow_kinds=["vendor-api"]), self_) == ["allow_kinds"]
    assert v(Policy(allow_regions=["eu"]), bedrock) == []  # Bedrock has EU regions
    assert v(Policy(require_compliance=["hipaa"]), bedrock) == []  # AWS signs a BAA
    assert v(Policy(require_compliance=["pci-dss"]), bedrock) == ["require_compliance"]  # scope unconfirmed
    assert v(Policy(require_compliance=["pci-dss", "fedramp"]), self_) == []
    assert v(Policy(max_usd_per_mtok=0.01), bedrock, usd_per_mtok=0.72) == ["max_usd_per_mtok"]
    assert v(Policy(max_usd_per_mtok=1), bedrock, usd_per_mtok=0.72) == []
    assert v(Policy(max_usd_per_mtok=1), bedrock, usd_per_mtok=None) == ["max_usd_per_mtok"]  # unknown price
    assert v(Policy(max_usd_per_mtok=0.01), self_) == []  # no per-token price without a volume


def test_hosts_by_sensitivity_bind_every_more_sensitive_level(cat):
    m = cat.models["llama-3.3-70b"]
    by_host = {w.host.id: w for w in ways(m, cat)}
    p = Policy.__new__(Policy)
    from llm_advisor.policy import SensitivityHosts

    p = Policy(allow_hosts_by_sensitivity=SensitivityHosts(confidential=["self", "aws-bedrock"], regulated=["self"]))

    def v(host, level):
        return rules(way_violations(p, m, by_host[host], sensitivity=level, usd_per_mtok=PRICE_UNCHECKED))

    assert v("together-ai", "internal") == []
    assert v("together-ai", "confidential") == ["allow_hosts_by_sensitivity"]
    assert v("aws-bedrock", "confidential") == []
    assert v("aws-bedrock", "regulated") == ["allow_hosts_by_sensitivity"]
    assert v("self", "regulated") == []


def test_check_without_a_host_passes_when_some_way_passes(cat):
    m = cat.models["llama-3.3-70b"]
    p = Policy(allow_hosts=["self"])
    result = check(p, cat, [("llama-3.3-70b", m, None)], TODAY)
    assert result.violations == [] and result.checked[0].allowed == ["self"]
    result = check(p, cat, [("llama-3.3-70b@together-ai", m, cat.hosts["together-ai"])], TODAY)
    assert rules(result.violations) == ["allow_hosts"] and result.violations[0].host == "together-ai"
    # A closed model has no self-hosting: every way it runs is reported.
    gpt = cat.models["gpt-5.5"]
    result = check(p, cat, [("gpt-5.5", gpt, None)], TODAY)
    assert {v.host for v in result.violations} == {w.host.id for w in ways(gpt, cat)}


def test_check_prices_at_a_quarter_output(cat):
    """`check` prices the blended price at a quarter output, as `list` and `compare` do:
    gpt-5.5 at openai-api is $5 in / $30 out per M (genai-prices), so $11.25 blended."""
    off = next(o for o in cat.models["gpt-5.5"].offerings if o.host == "openai-api")
    assert (off.input, off.output) == (5.0, 30.0)
    assert CHECK_WORKLOAD.output_share == 0.25
    m = cat.models["gpt-5.5"]
    target = [("gpt-5.5@openai-api", m, cat.hosts["openai-api"])]
    assert check(Policy(max_usd_per_mtok=11.25), cat, target, TODAY).violations == []
    found = check(Policy(max_usd_per_mtok=11.2), cat, target, TODAY).violations
    assert rules(found) == ["max_usd_per_mtok"] and "$11.25" in found[0].fact


def test_resolve_target_names_one_model(cat):
    assert resolve_target(cat, "gpt-5.5")[1] is None
    assert resolve_target(cat, "llama-3.3-70b@self")[1].id == "self"
    from llm_advisor.core.policy import UnknownTarget

    for bad, words in (
        ("llama", "is a family"),
        ("gpt-5.55", "did you mean"),
        ("gpt-5.5@nowhere", "no host 'nowhere'"),
        ("gpt-5.5@self", "does not serve"),
        ("@openai-api", "give a model id"),
    ):
        with pytest.raises(UnknownTarget, match=words):
            resolve_target(cat, bad)


def test_policy_problems_against_the_catalogue(cat):
    def msgs(**kw):
        return [m for _, m in policy_problems(Policy(**kw), cat)]

    assert msgs() == []
    assert "did you mean 'openai-api'" in msgs(deny_hosts=["openai"])[0]
    assert "not a licence id" not in " ".join(msgs(deny_licenses=["llama3.3"]))
    assert "is not a license id" in msgs(deny_licenses=["llama-3.3"])[0]
    assert "not a lab id" in msgs(allow_labs=["metaa"])[0]
    assert "both in allow_hosts and in deny_hosts" in msgs(allow_hosts=["self"], deny_hosts=["self"])[0]
    assert "allows nothing" in msgs(allow_hosts=[])[0]
    assert "allow_clouds leaves out azure" in msgs(allow_hosts=["azure-foundry"], allow_clouds=["aws"])[0]
    assert "allow no host" in msgs(allow_hosts=["self"], allow_kinds=["vendor-api"])[-1] or msgs(
        allow_hosts=["self"], allow_kinds=["vendor-api"]
    )


# ---------------------------------------------------------------------------------------------
# The file: problems with file, line and key (exit 2)
# ---------------------------------------------------------------------------------------------

BAD_POLICIES = {
    "unknown-key": ('deny_host = ["openai-api"]\n', 1, "deny_host", "did you mean 'deny_hosts'"),
    "unknown-host": ('# hosts\ndeny_hosts = [\n  "openai-api",\n  "opena",\n]\n', 4, "deny_hosts", "'opena'"),
    "unknown-licence": ('\ndeny_licenses = ["llama-3"]\n', 2, "deny_licenses", "not a license id"),
    "unknown-condition": ('deny_license_conditions = ["viral"]\n', 1, "deny_license_conditions", "viral"),
    "contradiction": (
        'allow_hosts = ["self", "together-ai"]\ndeny_hosts = ["together-ai"]\n',
        2,
        "deny_hosts",
        "both in allow_hosts and in deny_hosts",
    ),
    "wrong-type": ('max_usd_per_mtok = "5"\n', 1, "max_usd_per_mtok", "valid number"),
    "negative": ("min_days_to_shutdown = -1\n", 1, "min_days_to_shutdown", "greater than or equal to 0"),
    "syntax": ("# ok\ndeny_hosts = [,]\n", 2, None, "TOML syntax error"),
    "sensitivity-key": (
        '[allow_hosts_by_sensitivity]\nsecret = ["self"]\n',
        2,
        "allow_hosts_by_sensitivity.secret",
        "public, internal, confidential and regulated",
    ),
    "sensitivity-widening": (
        '[allow_hosts_by_sensitivity]\nconfidential = ["self"]\nregulated = ["self", "aws-bedrock"]\n',
        3,
        "allow_hosts_by_sensitivity.regulated",
        "the confidential list, which binds regulated data too, leaves it out",
    ),
    "compliance-unmeetable": (
        'allow_hosts = ["groq", "openai-api"]\n# card data\nrequire_compliance = ["pci-dss"]\n',
        3,
        "require_compliance",
        "no host the other rules allow meets PCI DSS",
    ),
    "nothing-allowed": ('allow_kinds = ["self-hosted"]\ndeny_hosts = ["self"]\n', 1, "allow_kinds", "allow no host"),
}


@pytest.mark.parametrize("case", sorted(BAD_POLICIES))
@pytest.mark.parametrize("command", ["check", "recommend", "validate"])
def test_bad_policy_exit_2_with_file_line_and_key(tmp_path, case, command):
    text, line, key, words = BAD_POLICIES[case]
    path = _policy(tmp_path, text)
    args = {
        "check": ["check", "--policy", path, "gpt-5.5"],
        "recommend": ["recommend", "--no-input", "--budget", "100", "--tokens", "1M", "--policy", path],
        "validate": ["catalog", "validate", path],
    }[command]
    r = run_cli(*args)
    assert r.code == 2, r.stderr
    assert "Traceback" not in r.stderr and words in r.stderr
    where = path if line is None else f"{path}:{line}:"
    assert where in r.stderr
    if key is not None:
        assert f" {key}:" in r.stderr
    if command != "validate":
        assert r.stderr.count("\n") == 1 and r.stdout == ""
    j = run_cli(*args, "--json")
    doc = j.json()
    assert j.code == 2
    problems = doc["problems"] if command == "validate" else doc["error"]["problems"]
    assert any(words in p["message"] and p["line"] == line for p in problems), problems


def test_policy_that_is_not_a_file(tmp_path):
    for path, words in (
        (str(tmp_path / "missing.toml"), "no such file"),
        ("/dev/zero", "larger than 1,000,000 bytes"),
        (str(tmp_path), "directory"),
    ):
        r = run_cli("check", "--policy", path, "gpt-5.5")
        assert r.code == 2 and words in r.stderr, r.stderr


def test_every_problem_listed_by_validate(tmp_path):
    path = _policy(tmp_path, 'deny_hosts = ["opena", "self"]\nallow_hosts = ["self", "nowhere"]\nallow_labs = []\n')
    r = run_cli("catalog", "validate", path, "--json")
    doc = r.json()
    assert r.code == 2 and doc["valid"] is False
    assert [p["line"] for p in doc["problems"]] == sorted(p["line"] for p in doc["problems"])
    assert len(doc["problems"]) == 4  # opena, nowhere, self in both, an empty allow_labs
    ok = _policy(tmp_path, 'deny_hosts = ["openrouter"]\n', "ok.toml")
    r = run_cli("catalog", "validate", ok)
    assert r.code == 0 and "policy OK" in r.stdout and "deny_hosts" in r.stdout
    r = run_cli("catalog", "validate", "--policy", ok, "--json")
    assert r.code == 0 and r.json()["rules"] == {"deny_hosts": ["openrouter"]}


def test_schema_policy_matches_the_type():
    r = run_cli("catalog", "schema", "policy")
    schema = json.loads(r.stdout)
    assert r.code == 0 and schema["additionalProperties"] is False
    assert tuple(schema["properties"]) == POLICY_KEYS
    assert all(p.get("description") for p in schema["properties"].values())
    conditions = schema["properties"]["deny_license_conditions"]["items"]["enum"]
    assert tuple(conditions) == LICENSE_CONDITIONS
    shipped = Path(__file__).resolve().parents[1] / "schemas" / "policy.schema.json"
    assert json.loads(shipped.read_text()) == schema


def test_the_contract_keys_are_all_there():
    contract = {
        "deny_licenses",
        "deny_license_conditions",
        "allow_labs",
        "deny_labs",
        "allow_hosts",
        "deny_hosts",
        "allow_clouds",
        "allow_regions",
        "allow_kinds",
        "max_usd_per_mtok",
        "min_days_to_shutdown",
        "require_compliance",
    }
    assert contract <= set(POLICY_KEYS)


# ---------------------------------------------------------------------------------------------
# llm-advisor check
# ---------------------------------------------------------------------------------------------

TEAM_POLICY = """\
# Our models: commercial use without output-training limits, no router, US or EU processing.
deny_license_conditions = ["non-commercial", "output-training"]
deny_hosts = ["openrouter"]
allow_regions = ["eu", "us"]
min_days_to_shutdown = 180
"""


def test_check_exit_codes_and_lines(tmp_path):
    path = _policy(tmp_path, TEAM_POLICY)
    ok = run_cli("check", "--policy", path, "gemma-4-31b", "llama-3.3-70b@aws-bedrock")
    assert ok.code == 0, ok.stdout + ok.stderr
    assert "no violations" in ok.stdout and "ok: gemma-4-31b" in ok.stdout
    bad = run_cli("check", "--policy", path, "gpt-4o", "gemma-4-31b", "kimi-k2@openrouter")
    assert bad.code == 1
    lines = bad.stdout.splitlines()
    assert any(
        line.startswith("gpt-4o: min_days_to_shutdown: shuts down on 2027-01-14") and "[source: https://" in line
        for line in lines
    )
    assert any(line.startswith("gpt-4o: deny_license_conditions: output-training") for line in lines)
    assert any(line.startswith("kimi-k2@openrouter: deny_hosts:") for line in lines)
    assert lines[-1].endswith("violations in 2 of them")


def test_check_json(tmp_path):
    path = _policy(tmp_path, TEAM_POLICY)
    r = run_cli("check", "--policy", path, "gpt-4o", "gemma-4-31b", "--json")
    doc = r.json()
    assert r.code == 1 and doc["schema_version"] == 1
    assert {tuple(sorted(v)) for v in doc["violations"]} == {("fact", "host", "model", "rule", "source")}
    assert {v["model"] for v in doc["violations"]} == {"gpt-4o"}
    assert [c["model"] for c in doc["checked"]] == ["gpt-4o", "gemma-4-31b"]
    assert doc["checked"][1] == {
        "query": "gemma-4-31b",
        "model": "gemma-4-31b",
        "host": None,
        "violations": 0,
        "allowed": doc["checked"][1]["allowed"],
    }
    assert "self" in doc["checked"][1]["allowed"]
    assert r.stderr == ""


def test_check_from_file_and_stdin(tmp_path):
    path = _policy(tmp_path, TEAM_POLICY)
    listing = tmp_path / "models.txt"
    listing.write_text("# the models our service calls\ngemma-4-31b   # the default\n\nllama-3.3-70b@aws-bedrock\n")
    r = run_cli("check", "--policy", path, "--from-file", str(listing), "--json")
    assert r.code == 0 and [c["query"] for c in r.json()["checked"]] == ["gemma-4-31b", "llama-3.3-70b@aws-bedrock"]
    r = run_cli("check", "--policy", path, "gpt-4o", "--from-file", "-", input="gemma-4-31b\n")
    assert r.code == 1 and "ok: gemma-4-31b" in r.stdout
    listing.write_text("gemma-4-31b llama-3.3-70b\n")
    r = run_cli("check", "--policy", path, "--from-file", str(listing))
    assert r.code == 2 and f"{listing}:1:" in r.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["llama"], "is a family"),
        (["gpt-5.5@nowhere"], "no host 'nowhere'"),
        (["gpt-5.5@self"], "does not serve"),
        ([], "name the models to check"),
        (["gpt-5.5", "--sensitivity", "secret"], "--sensitivity"),
        (["gpt-5.5", "--from-file", "/nonexistent/list"], "no such file"),
        (["gpt-5.5", "--format", "html"], "--format html"),
    ],
)
def test_check_bad_input(tmp_path, args, words):
    path = _policy(tmp_path, TEAM_POLICY)
    for extra in ([], ["--json"]):
        r = run_cli("check", "--policy", path, *args, *extra)
        assert r.code == 2 and words in r.stderr and "Traceback" not in r.stderr, r.stderr
        if extra:
            assert r.json()["error"]["code"] == 2


def test_an_empty_policy_passes_everything_and_says_so(tmp_path):
    path = _policy(tmp_path, "# nothing yet\n")
    r = run_cli("check", "--policy", path, "gpt-5.5")
    assert r.code == 0 and "has no rules" in r.stderr


def test_check_needs_a_policy():
    r = run_cli("check", "gpt-5.5")
    assert r.code == 2 and "--policy" in r.stderr


# ---------------------------------------------------------------------------------------------
# recommend --policy
# ---------------------------------------------------------------------------------------------

STRICT = Policy(
    deny_license_conditions=["output-training", "non-commercial"],
    deny_hosts=["openrouter", "together-ai"],
    allow_regions=["eu", "us"],
    min_days_to_shutdown=365,
    max_usd_per_mtok=5,
)


def test_recommend_policy_excludes_with_the_rule(real_catalog, cat):
    req = build({"budget": 20_000, "tokens": 300_000_000, "sensitivity": "internal"})
    free = recommend(real_catalog, req, today=TODAY, top=50)
    held = recommend(real_catalog, req, today=TODAY, top=50, policy=STRICT)
    listed = [*held.open, *held.closed]
    assert listed
    # Nothing listed breaks the policy, as `check` sees it for that model on that host.
    for r in listed:
        m = cat.models[r.model]
        assert model_violations(STRICT, m, cat.licenses[m.license], TODAY) == []
        way = next(w for w in ways(m, cat) if w.host.id == r.deployment.host)
        price = None if r.monthly_cost_usd is None else r.monthly_cost_usd / 300
        assert way_violations(STRICT, m, way, sensitivity="internal", usd_per_mtok=round(price, 4)) == []
    # Every model listed without the policy and missing with it names a policy rule.
    gone = {r.model for r in [*free.open, *free.closed]} - {r.model for r in listed}
    assert gone
    why = {e.model: e for e in held.excluded}
    for model_id in gone:
        e = why[model_id]
        assert "policy" in e.constraints
        assert any(x.startswith("policy ") and x.split()[1].rstrip(":") in POLICY_KEYS for x in e.reasons), e.reasons


def test_recommend_policy_json_and_text(tmp_path):
    path = _policy(tmp_path, 'deny_labs = ["openai", "anthropic", "google"]\n')
    args = ["recommend", "--no-input", "--budget", "5000", "--tokens", "100M", "--policy", path, "--top", "50"]
    doc = run_cli(*args, "--json").json()
    labs = {r["lab"] for r in doc["open"] + doc["closed"]}
    assert labs and not labs & {"openai", "anthropic", "google"}
    excluded = {e["model"]: e for e in doc["excluded"]}
    assert "policy deny_labs: made by openai, which the policy denies" in excluded["gpt-5.5"]["reasons"]
    assert any(a.startswith(f"policy {path} applied") for a in doc["assumptions"])
    assert doc["policy"] == {"file": path, "excluded": sum(1 for e in doc["excluded"] if "policy" in e["constraints"])}
    assert doc["policy"]["excluded"] >= 3
    text = run_cli(*args, "--explain", "--plain")
    assert text.code == 0 and "policy deny_labs: made by openai" in text.stdout


def test_policy_regimes_say_what_to_put_in_place(real_catalog):
    """A policy's required regime excludes the hosts that miss it and, on every option that
    runs at a host, says what is left to sign, as --compliance does."""
    req = build({"budget": 5000, "tokens": 100_000_000})
    advice = recommend(real_catalog, req, today=TODAY, top=10, policy=Policy(require_compliance=["gdpr"]))
    hosted = [r for r in [*advice.open, *advice.closed] if r.deployment.mode == "per-token"]
    assert hosted
    for r in hosted:
        assert any(
            c.startswith(f"GDPR: put {r.deployment.host}'s data-processing agreement in place") for c in r.caveats
        )
    plain = recommend(real_catalog, req, today=TODAY, top=10)
    assert not any(c.startswith("GDPR:") for r in [*plain.open, *plain.closed] for c in r.caveats)


def test_policy_that_leaves_nothing_is_none_with_the_policy_named(tmp_path):
    path = _policy(tmp_path, 'max_usd_per_mtok = 0.0001\nallow_kinds = ["vendor-api"]\n')
    r = run_cli("recommend", "--no-input", "--budget", "5000", "--tokens", "100M", "--policy", path, "--json")
    doc = r.json()
    assert r.code == 1 and doc["verdict"] == "none"
    assert doc["open"] == doc["closed"] == []
    assert "policy (" in doc["summary"]  # the constraint that excluded the most is named


def test_policy_read_from_a_pipe(tmp_path):
    """`--policy <(...)`: a FIFO is read without waiting for a writer that never comes."""
    fifo = tmp_path / "p.fifo"
    os.mkfifo(fifo)
    import threading

    def write():
        with open(fifo, "w") as fh:
            fh.write(TEAM_POLICY)

    t = threading.Thread(target=write)
    t.start()
    r = run_cli("check", "--policy", str(fifo), "gemma-4-31b")
    t.join(5)
    assert r.code == 0, r.stderr


# ---------------------------------------------------------------------------------------------
# The policy cache
# ---------------------------------------------------------------------------------------------

CHILD = """
import sys
from llm_advisor.cli import main
code = main(sys.argv[1:])
print("pydantic" in sys.modules, "tomllib" in sys.modules, code, file=sys.stderr)
"""


def _child(cache: Path, *args: str):
    import subprocess
    import sys

    env = {**os.environ, "LLM_ADVISOR_CACHE_DIR": str(cache)}
    r = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, check=False)
    return r.stderr.strip().splitlines()[-1].split()


def test_a_checked_policy_is_read_from_the_cache(tmp_path):
    """The second run with the same policy and catalogue loads neither pydantic nor tomllib;
    a changed file is read and checked again, and a bad one never enters the cache."""
    cache = tmp_path / "cache"
    path = _policy(tmp_path, TEAM_POLICY)
    args = ("check", "--policy", path, "gemma-4-31b", "--json")
    assert _child(cache, *args) == ["True", "True", "0"]
    assert _child(cache, *args) == ["False", "False", "0"]
    Path(path).write_text(TEAM_POLICY + 'deny_hosts = ["nowhere"]\n')  # a duplicate key: a TOML error
    assert _child(cache, *args)[-1] == "2"
    Path(path).write_text(TEAM_POLICY.replace('"openrouter"', '"nowhere"'))
    assert _child(cache, *args)[-1] == "2"
    assert _child(cache, *args)[-1] == "2"  # still refused: bad policies are not cached
    assert len(list(cache.glob("llm-advisor-policy-*.pickle"))) == 1


def test_the_policy_cache_keeps_the_newest_and_only_its_own(tmp_path):
    from llm_advisor.cli.files import POLICY_CACHE_KEEP

    cache = tmp_path / "cache"
    cache.mkdir()
    theirs = cache / "policy-0123.pickle"
    theirs.write_text("not ours")
    for i in range(POLICY_CACHE_KEEP + 3):
        path = _policy(tmp_path, f"min_days_to_shutdown = {i}\n", f"p{i}.toml")
        r = run_cli("check", "--policy", path, "gemma-4-31b", env={"LLM_ADVISOR_CACHE_DIR": str(cache)})
        assert r.code == 0
    assert len(list(cache.glob("llm-advisor-policy-*.pickle"))) == POLICY_CACHE_KEEP
    assert theirs.exists()
