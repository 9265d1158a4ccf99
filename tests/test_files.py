"""What llm-advisor does to the files it reads and writes: nothing destroyed, nothing hung,
nothing left behind, permissions kept; and whatever bytes or names it is fed, an error of its
own or a result, never an exception it did not mean (issue 15).  Runs as root too (CI does)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_advisor.atomic import NotRegularFile, TooLarge, create_new, read_limited, write_atomic
from llm_advisor.errors import AdvisorError

from .conftest import FIXTURE, run_cli

R = ["recommend", "--budget", "100", "--tokens", "1M", "--no-input"]


def test_a_new_file_gets_the_umask_and_an_existing_one_keeps_its_mode(tmp_path):
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "new.toml"
        assert run_cli(*R, "--save-profile", str(fresh)).code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    kept = tmp_path / "kept.toml"
    kept.write_text("# mine\n")
    kept.chmod(0o604)
    assert run_cli(*R, "--save-profile", str(kept)).code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert "budget = 100" in kept.read_text()


def test_writing_through_a_link_updates_its_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("# old\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert run_cli(*R, "--save-profile", str(link)).code == 0
    assert link.is_symlink() and "budget = 100" in real.read_text()


@pytest.mark.parametrize("target", ["/dev/null", "fifo"])
def test_a_special_file_is_never_replaced(tmp_path, target):
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "fifo":
        os.mkfifo(path)
    before = os.stat(path)
    with pytest.raises(NotRegularFile):
        write_atomic(path, "x")
    after = os.stat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def test_reads_stop_at_the_limit_whatever_the_size_says(tmp_path):
    with pytest.raises(TooLarge):
        read_limited(Path("/dev/zero"), 1000)
    sparse = tmp_path / "sparse"
    with sparse.open("wb") as fh:
        fh.truncate(1 << 32)
    with pytest.raises(TooLarge):
        read_limited(sparse, 1000)
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 1000)
    assert read_limited(exact, 1000) == b"x" * 1000
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert read_limited(fifo, 1000) == b""  # no writer: empty at once, no hang
    with pytest.raises(NotRegularFile):
        read_limited(fifo, 1000, regular_only=True)


def test_a_file_is_created_once_however_many_runs_race_for_it(tmp_path):
    path = tmp_path / "m.toml"
    won, lost = [], []

    def attempt(i: int) -> None:
        try:
            create_new(path, f"# run {i}\n")
            won.append(i)
        except FileExistsError:
            lost.append(i)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1 and len(lost) == 7
    assert path.read_text() == f"# run {won[0]}\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_concurrent_catalog_new_writes_one_file_and_says_so_once(tmp_path):
    cmd = [sys.executable, "-c", "import sys; from llm_advisor.cli import main; sys.exit(main())"]
    args = ["catalog", "new", "mine", "--lab", "acme", "--dir", str(tmp_path)]
    procs = [
        subprocess.Popen([*cmd, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)
    ]
    results = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert sum(1 for code, out, _ in results if code == 0 and out.startswith("wrote")) == 1
    assert all(code == 2 and "exists" in err for code, _, err in results if code != 0)
    assert not list(tmp_path.glob("**/.*.tmp"))


@pytest.mark.parametrize("signame", ["SIGHUP", "SIGTERM", "SIGINT"])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, signame):
    """The signal lands while the temporary file is being written: the CLI's handlers turn it
    into an unwinding exception and the cleanup removes the file."""
    script = f"""
import os, signal, sys
from pathlib import Path
from llm_advisor import cli
from llm_advisor.atomic import write_atomic

def work(argv):
    def data(fh):
        fh.write(b"half")
        os.kill(os.getpid(), signal.{signame})
        fh.write(b" and the rest")
    write_atomic(Path({str(tmp_path / "out.toml")!r}), data)
    return 0

cli._dispatch = work
sys.exit(cli.main([]))
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert r.returncode == 128 + getattr(signal, signame), r.stderr  # 130 Ctrl-C, 143 TERM, 129 HUP
    assert "Traceback" not in r.stderr
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------------------------
# Whatever it is fed
# ---------------------------------------------------------------------------------------------

GOOD = (FIXTURE / "models" / "alpha" / "alpha-8b.toml").read_bytes()
junk = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.builds(lambda cut, noise: GOOD[:cut] + noise, st.integers(0, len(GOOD)), st.binary(max_size=40)),
    st.integers(1, 3000).map(lambda n: b"a = " + b"[" * n + b"]" * n),
)
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=30
).filter(lambda s: s not in (".", ".."))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=junk)
def test_any_profile_is_read_or_refused_in_our_words(tmp_path, content):
    from llm_advisor.cli.files import load_profile
    from llm_advisor.requirements import build, parse_value

    path = tmp_path / "p.toml"
    path.write_bytes(content)
    try:
        answers = load_profile(path)
        build({k: parse_value(k, v) for k, v in answers.items()} | {"budget": 1, "tokens": 1})
    except AdvisorError:
        pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=junk, name=names, lab=names)
def test_any_overlay_file_is_loaded_or_reported_with_its_path(tmp_path, content, name, lab):
    from llm_advisor.catalog import load_catalog
    from llm_advisor.errors import CatalogError

    root = tmp_path / "overlay"
    folder = root / "models" / lab
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.toml").write_bytes(content)
    except OSError:
        return  # a name this file system will not take
    try:
        load_catalog([root], builtin=False)
    except CatalogError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
    finally:
        import shutil

        shutil.rmtree(root, ignore_errors=True)


def test_special_files_inside_an_overlay_are_reported_not_read(tmp_path):
    from llm_advisor.catalog import load_catalog
    from llm_advisor.errors import CatalogError

    folder = tmp_path / "models" / "acme"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.toml")
    (folder / "dir.toml").mkdir()
    os.symlink("/dev/zero", folder / "zero.toml")
    with pytest.raises(CatalogError) as got:
        load_catalog([tmp_path], builtin=False)
    said = {p.file.rsplit("/", 1)[-1]: p.message for p in got.value.problems}
    assert "FIFO" in said["pipe.toml"] and "directory" in said["dir.toml"] and "character device" in said["zero.toml"]


def test_file_names_reach_the_terminal_as_text(tmp_path):
    folder = tmp_path / "models" / "acme"
    folder.mkdir(parents=True)
    (folder / "a\x1b[31mb.toml").write_text("x = 1\n")
    r = run_cli("--catalog", str(tmp_path), "list")
    assert r.code == 3 and "\x1b" not in r.stderr and "a\\x1b[31mb" in r.stderr, r.stderr


def test_names_reach_the_terminal_as_text(tmp_path):
    """Markup and escape sequences in a catalogue name are shown, not obeyed."""
    root = tmp_path / "cat"
    (root / "models" / "acme").mkdir(parents=True)
    evil = GOOD.decode().replace('name = "Alpha 8B"', 'name = "Evil [/] [bold]x\\u001b[31mRED\\u0007"')
    evil = evil.replace('aliases = ["a8"]', "").replace('host = "fast-host"', 'host = "together-ai"')
    (root / "models" / "acme" / "evil.toml").write_text(evil)
    for fmt in ("table", "plain", "markdown", "csv"):
        r = run_cli("--catalog", str(root), "show", "evil", "--format", fmt)
        assert r.code == 0, (fmt, r.stderr)
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, fmt
        assert "\\x1b[31mRED\\x07" in r.stdout, fmt


@pytest.mark.parametrize("columns", ["0", "abc", "-5"])
def test_a_nonsense_terminal_width_still_draws(columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)
    for args in (["list", "--format", "table"], ["show", "alpha-8b", "--format", "table"]):
        r = run_cli("--catalog", str(FIXTURE), *args)
        assert r.code == 0 and r.stdout.strip(), (args, r.stderr)


def test_errors_keep_their_exit_code_when_stderr_is_full():
    cmd = [sys.executable, "-c", "import sys; from llm_advisor.cli import main; sys.exit(main())"]
    with open("/dev/full", "w") as full:
        bad = subprocess.run([*cmd, *R, "--budget", "lots"], stderr=full, stdout=subprocess.DEVNULL)
        missing = subprocess.run([*cmd, "show", "no-such-model-at-all"], stderr=full, stdout=subprocess.DEVNULL)
    assert (bad.returncode, missing.returncode) == (2, 1)


def test_a_write_removes_what_a_killed_earlier_write_of_that_file_left(tmp_path):
    target = tmp_path / "p.toml"
    stale = tmp_path / ".p.toml.abc_123.tmp"
    young = tmp_path / ".p.toml.def456.tmp"
    other = tmp_path / ".q.toml.abc123.tmp"
    for p in (stale, young, other):
        p.write_text("left behind")
    os.utime(stale, (1, 1))
    os.utime(other, (1, 1))
    write_atomic(target, "x = 1\n")
    assert not stale.exists()
    assert young.exists() and other.exists()  # perhaps a run still writing; another file's
