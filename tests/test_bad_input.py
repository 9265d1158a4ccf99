"""A table of bad inputs through the CLI: each gets its exit code and one clear stderr line,
no traceback, and with --json an empty stdout or one valid JSON document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import FIXTURE, run_cli, run_cli_process, without_faketime

R = ["recommend", "--budget", "100", "--tokens", "1M", "--no-input"]


def _profile(tmp: Path, content: str | bytes) -> str:
    p = tmp / "p.toml"
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(p)


def _overlay(tmp: Path, rel: str, content: str) -> str:
    root = tmp / "cat"
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(content)
    return str(root)


def _sparse(tmp: Path) -> str:
    """A 4 GB file that takes no space: its reported size is real, its content zeros."""
    p = tmp / "sparse.toml"
    with p.open("wb") as fh:
        fh.truncate(4 * 1024**3)
    return str(p)


def _fifo(tmp: Path) -> str:
    import os

    p = tmp / "fifo.toml"
    if not p.exists():
        os.mkfifo(p)
    return str(p)


def _link(tmp: Path, target: str) -> str:
    p = tmp / "link.toml"
    if not p.is_symlink():
        p.symlink_to(target)
    return str(p)


def _overlay_fifo(tmp: Path) -> str:
    import os

    root = tmp / "cat"
    (root / "models" / "acme").mkdir(parents=True, exist_ok=True)
    fifo = root / "models" / "acme" / "x.toml"
    if not fifo.exists():
        os.mkfifo(fifo)
    return str(root)


def _overlay_bytes_name(tmp: Path) -> str:
    import os

    root = tmp / "cat"
    folder = os.path.join(os.fsencode(root), b"models", b"ac\xffme")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, b"m\xfe.toml"), "w") as fh:
        fh.write("x = 1\n")
    return str(root)


GOOD_MODEL = (FIXTURE / "models" / "alpha" / "alpha-8b.toml").read_text()

CASES = {
    # flags: wrong type, negative, out of range, unknown choice
    "budget-text": (lambda t: [*R, "--budget", "lots"], 2, "--budget"),
    "budget-negative": (lambda t: [*R, "--budget", "-5"], 2, "--budget"),
    "budget-nan": (lambda t: [*R, "--budget", "nan"], 2, "--budget"),
    "tokens-text": (lambda t: [*R, "--tokens", "many"], 2, "--tokens"),
    "tokens-negative": (lambda t: [*R, "--tokens", "-1M"], 2, "--tokens"),
    "tokens-huge": (lambda t: [*R, "--tokens", "1e30"], 2, "--tokens"),
    "output-share-range": (lambda t: [*R, "--output-share", "2"], 2, "--output-share"),
    "output-share-text": (lambda t: [*R, "--output-share", "half"], 2, "--output-share"),
    "sensitivity": (lambda t: [*R, "--sensitivity", "secret"], 2, "--sensitivity"),
    "time-to-market": (lambda t: [*R, "--time-to-market", "yesterday"], 2, "--time-to-market"),
    "hosting": (lambda t: [*R, "--hosting", "mars"], 2, "--hosting"),
    "customization": (lambda t: [*R, "--customization", "paint"], 2, "--customization"),
    "expertise": (lambda t: [*R, "--expertise", "guru"], 2, "--expertise"),
    "priority": (lambda t: [*R, "--priority", "speed"], 2, "--priority"),
    "context-zero": (lambda t: [*R, "--context", "0"], 2, "--context"),
    "context-text": (lambda t: [*R, "--context", "wide"], 2, "--context"),
    "modalities": (lambda t: [*R, "--modalities", "text,smell"], 2, "--modalities"),
    "modalities-empty": (lambda t: [*R, "--modalities", ","], 2, "--modalities"),
    "region": (lambda t: [*R, "--region", "moon"], 2, "--region"),
    "use-case": (lambda t: [*R, "--use-case", "poetry"], 2, "--use-case"),
    "top-zero": (lambda t: [*R, "--top", "0"], 2, "--top"),
    "top-text": (lambda t: [*R, "--top", "five"], 2, "--top"),
    "format": (lambda t: [*R, "--format", "yaml"], 2, "--format"),
    # policy files (tests/test_policy.py has the full table)
    "policy-missing": (lambda t: [*R, "--policy", str(t / "none.toml")], 2, "no such file"),
    "policy-unknown-key": (lambda t: [*R, "--policy", _profile(t, "deny_lab = []\n")], 2, "p.toml:1: deny_lab:"),
    "policy-bad-host": (lambda t: [*R, "--policy", _profile(t, 'deny_hosts = ["x"]\n')], 2, "'x' is not a host id"),
    "policy-device": (lambda t: ["check", "--policy", "/dev/zero", "gpt-5.5"], 2, "/dev/zero"),
    "check-unknown-model": (
        lambda t: ["check", "--policy", _profile(t, ""), "gpt-99"],
        2,
        "no model matches 'gpt-99'",
    ),
    "check-unknown-host": (
        lambda t: ["check", "--policy", _profile(t, ""), "gpt-5.5@moon"],
        2,
        "no host 'moon'",
    ),
    "format-html-elsewhere": (lambda t: ["compare", "llama", "gpt-5.5", "--format", "html"], 2, "--format html"),
    "unknown-flag": (lambda t: [*R, "--colour"], 2, "No such option"),
    "cost-quantization": (
        lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--quantization", "fp4"],
        2,
        "--quantization",
    ),
    "cost-concurrency": (lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--concurrency", "0"], 2, "--concurrency"),
    "cost-amortisation": (
        lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--amortisation-months", "-3"],
        2,
        "--amortisation-months",
    ),
    "cost-power": (lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--power-price", "-1"], 2, "--power-price"),
    "cost-power-huge": (
        lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--power-price", "1e308"],
        2,
        "--power-price must be from 0 to 100",
    ),
    "cost-bandwidth-tiny": (
        lambda t: ["cost", "gpt-oss-20b", "--tokens", "1M", "--bandwidth-utilisation", "1e-320"],
        2,
        "--bandwidth-utilisation",
    ),
    "list-min-context": (lambda t: ["list", "--min-context", "-5"], 2, "--min-context"),
    # profiles
    "profile-malformed": (lambda t: [*R, "--profile", _profile(t, "budget = [\n")], 2, "TOML syntax error"),
    "profile-empty": (lambda t: [*R, "--profile", _profile(t, "")], 2, "no answers"),
    "profile-binary": (lambda t: [*R, "--profile", _profile(t, b"\x00\xff\xfe\x01")], 2, "not UTF-8"),
    "profile-unknown-key": (lambda t: [*R, "--profile", _profile(t, "wibble = 1\n")], 2, "unknown key 'wibble'"),
    "profile-bad-value": (lambda t: [*R, "--profile", _profile(t, 'hosting = "cloud"\n')], 2, "hosting"),
    "profile-wrong-type": (lambda t: [*R, "--profile", _profile(t, "commercial = 3\n")], 2, "commercial"),
    "profile-directory": (lambda t: [*R, "--profile", str(t)], 2, "is a directory"),
    "profile-missing": (lambda t: [*R, "--profile", str(t / "nope.toml")], 2, "no such file"),
    # catalogue overlays
    "overlay-syntax": (lambda t: ["--catalog", _overlay(t, "models/acme/x.toml", "name = \n"), "list"], 3, "x.toml:1"),
    "overlay-wrong-type": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace("context = 128_000", 'context = "big"').replace('aliases = ["a8"]', ""),
            ),
            "list",
        ],
        3,
        "context",
    ),
    "overlay-missing-field": (
        lambda t: [
            "--catalog",
            _overlay(
                t, "models/acme/x.toml", GOOD_MODEL.replace('name = "Alpha 8B"\n', "").replace('aliases = ["a8"]', "")
            ),
            "list",
        ],
        3,
        "name: required key is missing",
    ),
    "overlay-unknown-key": (
        lambda t: [
            "--catalog",
            _overlay(t, "models/acme/x.toml", "colour = 1\n" + GOOD_MODEL.replace('aliases = ["a8"]', "")),
            "list",
        ],
        3,
        "colour: unknown key",
    ),
    "overlay-dangling-licence": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('license = "apache-2.0"', 'license = "llama-9"').replace('aliases = ["a8"]', ""),
            ),
            "list",
        ],
        3,
        "license 'llama-9' is not in licenses.toml",
    ),
    "overlay-dangling-host": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('host = "fast-host"', 'host = "ghost"').replace('aliases = ["a8"]', ""),
            ),
            "list",
        ],
        3,
        "host 'ghost'",
    ),
    "overlay-duplicate-alias": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', 'aliases = ["gpt4o"]').replace(
                    'host = "fast-host"', 'host = "together-ai"'
                ),
            ),
            "list",
        ],
        3,
        "alias 'gpt4o'",
    ),
    "overlay-alias-is-id": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', 'aliases = ["gpt-4o"]').replace(
                    'host = "fast-host"', 'host = "together-ai"'
                ),
            ),
            "list",
        ],
        3,
        "is the id of 'gpt-4o'",
    ),
    "overlay-is-file": (lambda t: ["--catalog", _profile(t, "x = 1\n"), "list"], 3, "is a file"),
    "overlay-missing": (lambda t: ["--catalog", str(t / "none"), "list"], 3, "does not exist"),
    "overlay-huge-file": (
        lambda t: ["--catalog", _overlay(t, "models/acme/x.toml", "# " + "x" * 1_200_000), "list"],
        3,
        "the limit is",
    ),
    "overlay-duplicate-id": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/b/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', "").replace('host = "fast-host"', 'host = "together-ai"'),
            )
            and _overlay(
                t,
                "models/a/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', "").replace('host = "fast-host"', 'host = "together-ai"'),
            ),
            "list",
        ],
        3,
        "model id 'x' is also defined in",
    ),
    "overlay-dangling-gpu": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', "").replace('host = "fast-host"', 'host = "together-ai"')
                + '\n[[offerings]]\nhost = "self"\nkind = "self-hosted"\ngpu = "ghost-gpu"\n',
            ),
            "list",
        ],
        3,
        "GPU 'ghost-gpu' is not in gpus.toml",
    ),
    "overlay-inf-price": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', "")
                .replace('host = "fast-host"', 'host = "together-ai"')
                .replace("input = 0.10", "input = inf"),
            ),
            "list",
        ],
        3,
        "input: Input should be a finite number",
    ),
    "overlay-typo-params": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', "")
                .replace('host = "fast-host"', 'host = "together-ai"')
                .replace("params_b = 8\n", "params_b = 8e9\n"),
            ),
            "list",
        ],
        3,
        "params_b: Input should be less than or equal to 100000",
    ),
    "overlay-bad-gpu": (
        lambda t: [
            "--catalog",
            _overlay(t, "gpus.toml", '[fast]\nname = "Fast"\nvendor = "X"\nmemory_gb = -1\n'),
            "list",
        ],
        3,
        "gpus.toml",
    ),
    # names
    "name-unknown": (lambda t: ["show", "no-such-model-at-all"], 1, "no model matches"),
    "name-empty": (lambda t: ["show", ""], 1, "no model matches"),
    "name-unknown-cost": (lambda t: ["cost", "zzqqx", "--tokens", "1M"], 1, "no model matches"),
    "name-unknown-compare": (lambda t: ["compare", "llama", "qqqzzz"], 1, "no model matches"),
    # saving
    "save-missing-dir": (lambda t: [*R, "--save-profile", str(t / "no" / "p.toml")], 2, "does not exist"),
    "save-onto-directory": (lambda t: [*R, "--save-profile", str(t)], 2, "is a directory"),
    "save-under-a-file": (lambda t: [*R, "--save-profile", "/dev/null/p.toml"], 2, "--save-profile"),
    # special files, unbounded reads, deep nesting, huge numbers (issue 15)
    "profile-dev-zero": (lambda t: [*R, "--profile", "/dev/zero"], 2, "larger than 1,000,000 bytes"),
    "profile-sparse": (lambda t: [*R, "--profile", _sparse(t)], 2, "larger than 1,000,000 bytes"),
    "profile-fifo-no-writer": (lambda t: [*R, "--profile", _fifo(t)], 2, "no answers"),
    "profile-deep": (
        lambda t: [*R, "--profile", _profile(t, "a = " + "[" * 5000 + "]" * 5000)],
        2,
        "nested too deeply",
    ),
    "profile-huge-tokens": (lambda t: [*R, "--profile", _profile(t, "tokens = 1e300\n")], 2, "tokens is too large"),
    "profile-huge-budget": (lambda t: [*R, "--profile", _profile(t, "budget = 1e300\n")], 2, "budget is too large"),
    "budget-huge": (lambda t: [*R, "--budget", "1e300"], 2, "--budget is too large"),
    "save-onto-dev-null": (
        lambda t: [*R, "--save-profile", "/dev/null"],
        2,
        "is a character device, not a regular file",
    ),
    "save-onto-fifo": (lambda t: [*R, "--save-profile", _fifo(t)], 2, "is a FIFO (named pipe), not a regular file"),
    "save-through-link-to-device": (
        lambda t: [*R, "--save-profile", _link(t, "/dev/null")],
        2,
        "is a character device, not a regular file",
    ),
    "overlay-fifo": (lambda t: ["--catalog", _overlay_fifo(t), "list"], 3, "is a FIFO (named pipe); a catalogue holds"),
    "overlay-deep": (
        lambda t: ["--catalog", _overlay(t, "hosts/h.toml", "a = " + "[" * 5000 + "]" * 5000), "list"],
        3,
        "nested too deeply",
    ),
    "overlay-non-utf8-name": (lambda t: ["--catalog", _overlay_bytes_name(t), "list"], 3, "is not an id"),
    "overlay-alias-normalised": (
        lambda t: [
            "--catalog",
            _overlay(
                t,
                "models/acme/x.toml",
                GOOD_MODEL.replace('aliases = ["a8"]', 'aliases = ["gpt_4o"]').replace(
                    'host = "fast-host"', 'host = "together-ai"'
                ),
            ),
            "list",
        ],
        3,
        "reads the same as 'gpt-4o'",
    ),
    "new-existing-file": (
        lambda t: ["catalog", "new", "x", "--lab", "acme", "--dir", _overlay(t, "models/acme/x.toml", "# mine\n")],
        2,
        "exists; pass --force to overwrite it",
    ),
    "new-id-in-another-lab": (
        lambda t: ["catalog", "new", "x", "--lab", "acme", "--dir", _overlay(t, "models/other/x.toml", "# mine\n")],
        2,
        "already has a file in this catalogue",
    ),
    "new-builtin-id": (lambda t: ["catalog", "new", "gpt-4o", "--lab", "acme", "--dir", str(t / "c")], 2, "built-in"),
    "new-builtin-alias": (lambda t: ["catalog", "new", "gpt4o", "--lab", "acme", "--dir", str(t / "c")], 2, "built-in"),
    # impossible requirements: nothing matched
    "nothing-fits": (lambda t: [*R, "--context", "100M"], 1, "No model meets every hard constraint"),
}


NO_JSON = {"new-existing-file", "new-id-in-another-lab", "new-builtin-id", "new-builtin-alias"}
"""`catalog new` writes a file and has no --json."""


@pytest.mark.parametrize(
    ("case", "as_json"),
    [
        pytest.param(case, as_json, id=f"{'json' if as_json else 'text'}-{case}")
        for case in sorted(CASES)
        for as_json in (False, True)
        if not (as_json and case in NO_JSON)
    ],
)
def test_bad_input(tmp_path, case, as_json):
    make, code, needle = CASES[case]
    args = make(tmp_path) + (["--json"] if as_json and "--json" not in make(tmp_path) else [])
    _check(tmp_path, case, run_cli(*args), code, needle, as_json)


def _check(tmp_path: Path, case: str, r, code: int, needle: str, as_json: bool) -> None:
    assert r.code == code, (case, r.code, r.stderr)
    assert needle in r.stderr, (case, r.stderr)
    assert "Traceback" not in r.stderr
    if code != 1:
        assert r.stderr.strip().count("\n") == 0, r.stderr  # one line
    if as_json:
        doc = json.loads(r.stdout)  # one JSON document, whatever went wrong
        if "error" in doc:
            assert doc["error"]["code"] == code and doc["error"]["message"] in r.stderr, doc
        else:
            assert doc["verdict"] == "none" and code == 1
    else:
        assert code == 1 or r.stdout == ""
    assert not list(tmp_path.glob("**/.*.tmp")), "a temporary file was left behind"


def _refused_by_the_os(monkeypatch, target: Path, function: str) -> None:
    """Permission bits do not stop root, so when the tests run as root, make the call the CLI
    uses fail for ``target`` exactly as the OS would fail it for anyone else."""
    import errno
    import os
    import tempfile

    mode = os.W_OK if function == "mkstemp" else os.R_OK
    if not os.access(target, mode):
        return  # the OS refuses already
    if function == "read_bytes":
        import llm_advisor.atomic

        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):
            if Path(path) == target:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(llm_advisor.atomic.os, "open", refusing_open)
    else:
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == target:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_unreadable_profile(tmp_path, monkeypatch, as_json):
    profile = Path(_profile(tmp_path, "budget = 100\n"))
    profile.chmod(0)
    _refused_by_the_os(monkeypatch, profile, "read_bytes")
    r = run_cli(*R, "--profile", str(profile), *(["--json"] if as_json else []))
    _check(tmp_path, "profile-unreadable", r, 2, "cannot read: Permission denied", as_json)


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_save_profile_into_read_only_folder(tmp_path, monkeypatch, as_json):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    _refused_by_the_os(monkeypatch, folder, "mkstemp")
    try:
        r = run_cli(*R, "--save-profile", str(folder / "p.toml"), *(["--json"] if as_json else []))
    finally:
        folder.chmod(0o755)
    _check(tmp_path, "save-read-only", r, 2, "cannot write: Permission denied", as_json)
    assert not (folder / "p.toml").exists()


def test_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    "args",
    [["compare", "llama", "gpt-4", "--format", "table"], ["show", "bard", "--plain"], ["show", "bard", "--json"]],
)
def test_non_utf8_terminal(args):
    import os

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LLM_ADVISOR_CATALOG": ""}
    env.pop("LLM_ADVISOR_CATALOG")
    r = run_cli_process(*args, capture_output=True, env=env)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    r.stdout.decode("ascii")  # nothing the terminal cannot show
    if "--json" in args:
        assert json.loads(r.stdout)["model"]["id"] == "gemini-4-argon"


NASTY = [
    "1e308",
    "-1e308",
    "1e-320",
    "-0",
    "0",
    "99999999999999999999999",
    "inf",
    "-inf",
    "nan",
    "",
    " ",
    "1e",
    "0x10",
    "1_000",
    "١٢٣",
    "½",
    "1,5",
    "10%",
    "$5",
    "5k",
    "2.5B",
    "1e18",
    "9" * 400,
]
NUMERIC_FLAGS = {
    ("recommend", "--budget", "100", "--tokens", "1M", "--no-input"): [
        "--budget",
        "--tokens",
        "--output-share",
        "--context",
        "--top",
    ],
    ("cost", "gpt-oss-20b", "--tokens", "1M"): [
        "--tokens",
        "--output-share",
        "--context",
        "--concurrency",
        "--utilisation",
        "--amortisation-months",
        "--power-price",
        "--cooling-overhead",
        "--runtime-overhead",
        "--bandwidth-utilisation",
        "--compute-utilisation",
        "--kv-bytes",
        "--max-gpus",
    ],
    ("list",): ["--min-context"],
}


@pytest.mark.parametrize("base", sorted(NUMERIC_FLAGS), ids=lambda b: b[0])
def test_every_numeric_flag_takes_any_string_without_a_traceback(base):
    """Every numeric flag, given each of a set of hostile strings: an answer or a one-line usage
    error, never a traceback or Python's own wording, and with --json one valid JSON document
    (no Infinity/NaN): the answer, or the error document."""

    def strict(text):
        return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))

    for flag in NUMERIC_FLAGS[base]:
        for value in NASTY:
            r = run_cli(*base, flag, value, "--json")
            assert r.code in (0, 1, 2), (flag, value, r.code, r.stderr[-500:])
            assert "Traceback" not in r.stderr, (flag, value)
            assert "could not convert" not in r.stderr and "invalid literal" not in r.stderr, (flag, value, r.stderr)
            doc = strict(r.stdout)
            if r.code == 2:
                assert flag in r.stderr and r.stderr.strip().count("\n") == 0, (flag, value, r.stderr)
                assert doc["error"]["code"] == 2 and flag in doc["error"]["message"]


@pytest.mark.parametrize(
    "args", [["list", "--json"], ["recommend", "--budget", "100", "--tokens", "1M", "--no-input", "--json"]]
)
def test_closed_stdout_is_an_output_error(args):
    import os
    import subprocess

    r = run_cli_process(
        *args, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), env=without_faketime()
    )
    assert r.returncode == 74
    assert r.stderr.decode() == "llm-advisor: error: cannot write results: standard output is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["compare", "llama", "gpt-4"],
        ["recommend", "--budget", "100", "--tokens", "1M", "--no-input", "--json"],
    ],
)
def test_full_disk_is_an_output_error(args):
    import subprocess

    with open("/dev/full", "w") as full:
        r = run_cli_process(*args, stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE)
    assert r.returncode == 74
    assert r.stderr.decode().endswith("llm-advisor: error: cannot write results: No space left on device\n")
    assert "Traceback" not in r.stderr.decode() and "Exception ignored" not in r.stderr.decode()


def test_closed_stderr_keeps_the_exit_code():
    import os
    import subprocess

    r = run_cli_process(
        "show", "no-such-model", stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2), env=without_faketime()
    )
    assert r.returncode == 1 and r.stdout == b""


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--plain"],
        ["list", "--format", "table"],
        ["list", "--json"],
        ["compare", "llama", "gpt-4"],
        ["recommend", "--budget", "10", "--tokens", "1M", "--no-input"],
    ],
)
def test_a_reader_that_goes_away_stops_the_output_quietly(args):
    """`llm-advisor list | head -1`: exit 141 (128 + SIGPIPE) as cat or gh would, never 1 (which
    means "nothing matched"), and no traceback or 'Exception ignored' on stderr."""
    import os
    import subprocess

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        r = run_cli_process(*args, stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    err = r.stderr.decode()
    assert r.returncode == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err and "error" not in err


@pytest.mark.parametrize("where", ["llm_advisor.catalog.load.load_catalog", "llm_advisor.core.recommend.recommend"])
@pytest.mark.parametrize("path", ["fast", "typer"])
def test_ctrl_c_while_working_says_interrupted(monkeypatch, where, path):
    """Ctrl-C while the catalogue loads or the ranking runs (not only at a prompt): exit 130,
    one word on stderr, once; with --json the error document on stdout, else nothing.  (Typer
    turns the interrupt into a silent exit 130; the fast path sees it raised.)"""
    import importlib

    module, name = where.rsplit(".", 1)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module(module), name, interrupt)
    if path == "typer":
        from llm_advisor.cli import fastpath

        monkeypatch.setattr(fastpath, "parse", lambda args: None)
    r = run_cli(*R, env={"LLM_ADVISOR_NO_CACHE": "1"})
    assert r.code == 130 and r.stdout == ""
    assert r.stderr == "\ninterrupted\n"
    r = run_cli(*R, "--json", env={"LLM_ADVISOR_NO_CACHE": "1"})
    assert r.code == 130 and json.loads(r.stdout)["error"] == {
        "code": 130,
        "message": "interrupted",
        "kind": "interrupted",
    }
    assert r.stderr == "\ninterrupted\n"


def test_sigterm_while_writing_the_cache_leaves_no_temporary_file(tmp_path, monkeypatch):
    """A kill (CI timeout, systemd) in the middle of writing the catalogue cache unwinds like
    Ctrl-C: exit 143, and the half-written temporary file is removed."""
    import os
    import signal

    from llm_advisor.catalog import cache

    real_dump = cache.pickle.dump

    def dump_then_get_killed(obj, fh, *args, **kwargs):
        fh.write(b"half a pickle")
        os.kill(os.getpid(), signal.SIGTERM)
        real_dump(obj, fh, *args, **kwargs)  # not reached

    monkeypatch.setattr(cache.pickle, "dump", dump_then_get_killed)
    r = run_cli("list", "--json", env={"LLM_ADVISOR_CACHE_DIR": str(tmp_path)})
    assert r.code == 128 + signal.SIGTERM and r.stdout == ""
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the previous (default) handler is back
