"""The interview driven end to end on a pseudo-terminal."""

from __future__ import annotations

import io
import os

import pytest

from .conftest import CLI_PROCESS as CMD

pexpect = pytest.importorskip("pexpect")


def spawn(*args):
    env = {
        "NO_COLOR": "1",
        "PATH": "/usr/bin:/bin",
        "COLUMNS": "200",
        **{k: os.environ[k] for k in ("LLM_ADVISOR_TODAY", "LLM_ADVISOR_CACHE_DIR")},
    }
    return pexpect.spawn(CMD[0], [*CMD[1:], *args], encoding="utf-8", timeout=30, dimensions=(50, 200), env=env)


def test_interview_asks_reasks_and_recommends(tmp_path):
    saved = tmp_path / "answers.toml"
    child = spawn("recommend", "--budget", "2000", "--save-profile", str(saved))
    child.expect(r"main task")
    child.sendline("3")  # a choice by its number: coding
    child.expect(r"tokens a month")
    child.sendline("lots")  # a bad answer is explained and asked again
    child.expect(r"number with an optional k, M, B suffix")
    child.sendline("50M")
    for _ in range(14):  # every other question that applies: take the default
        child.expect(r"\]: |: $")
        child.sendline("")
    child.expect("Verdict")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = saved.read_text()
    assert 'use_case = "coding"' in text and "tokens = 50000000" in text


def test_ctrl_c_exits_130():
    child = spawn("recommend")
    child.expect(r"main task")
    child.sendintr()
    child.expect("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_end_of_input_exits_2():
    child = spawn("recommend")
    child.expect(r"main task")
    child.sendeof()
    child.expect("input ended")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_no_input_flag_never_prompts():
    child = spawn("recommend", "--no-input")
    child.expect("missing --budget and --tokens")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_a_bad_answer_is_explained_in_our_words():
    """'aws' for the budget: the reason and the form, never Python's 'could not convert'."""
    import io

    from llm_advisor.cli.interview import ask
    from llm_advisor.requirements import FIELDS

    replies = iter(["aws\n", "2k\n"])
    err = io.StringIO()
    answers = ask({name: None for name in FIELDS if name != "budget"}, read=lambda: next(replies), err=err)
    assert answers["budget"] == 2000.0
    assert "answer must be a number of US dollars a month, like 2000 or $1.5k (got 'aws'); try again" in err.getvalue()
    assert "could not convert" not in err.getvalue()


def _ask(replies, answers=None, save=None):
    from llm_advisor.cli.interview import ask

    feed = iter(replies)
    err = io.StringIO()
    given = answers if answers is not None else {}
    got = ask(given, read=lambda: next(feed), err=err, save=save)
    return got, err.getvalue()


def test_answers_are_taken_the_way_people_say_them():
    """'40 million', '$1.5k', 'USA' and 'aws' (named at another question) all land."""
    base = {"use_case": "general", "output_share": 0.25, "sensitivity": "internal", "time_to_market": "weeks"}
    base |= {"expertise": "some", "customization": "none", "priority": "balanced", "context": 8000}
    base |= {"modalities": ("text",), "commercial": True, "batch_share": 0.0, "cache_share": 0.0}
    got, text = _ask(["40 million\n", "$1.5k\n", "aws\n", "private-cloud\n", "USA\n"], base)
    assert got["tokens"] == 40_000_000 and got["budget"] == 1500.0
    assert got["cloud"] == "aws" and got["hosting"] == "private-cloud" and got["region"] == "us"
    assert "noted: your cloud is aws" in text
    assert "could not convert" not in text and "float" not in text


def test_questions_that_do_not_apply_are_not_asked():
    base = {"use_case": "general", "tokens": 10**6, "output_share": 0.25, "budget": 100.0, "region": "any"}
    base |= {"time_to_market": "weeks", "expertise": "some", "customization": "none", "priority": "balanced"}
    base |= {"context": 8000, "modalities": ("text",), "commercial": True, "batch_share": 0.0, "cache_share": 0.0}
    got, text = _ask(["public\n", "on-prem\n"], base)
    assert "compliance" not in got and "cloud" not in got  # public data; no managed service allowed
    got, text = _ask(["regulated\n", "hipaa\n", "\n", "azure\n"], base)
    assert got["compliance"] == ("hipaa",) and got["cloud"] == "azure"
    assert "Which rules does the data fall under?" in text and "Which cloud account" in text


def test_a_user_who_does_not_know_the_volume_gets_an_estimate():
    got, text = _ask(["?\n", "200\n", "15\n", "\n"] + ["\n"] * 20, {"budget": 100.0, "use_case": "general"})
    assert got["tokens"] == 200 * 15 * 1500 * 30
    assert "about 135M tokens a month" in text


def test_the_answers_are_recapped_and_can_be_saved(tmp_path):
    saved = {}

    def save(path, answers):
        from llm_advisor.errors import UsageError

        if path == "bad":
            raise UsageError("folder nope does not exist")
        saved[path] = dict(answers)
        return f"saved answers to {path}"

    _, text = _ask(["50M\n", "\n", "2k\n"] + ["\n"] * 13 + ["bad\n", "mine.toml\n"], {"use_case": "rag"}, save)
    assert "Your answers:" in text and "budget           $2,000 a month" in text
    assert "folder nope does not exist; try again" in text
    assert saved["mine.toml"]["tokens"] == 50_000_000


def test_saving_from_the_interview_writes_a_profile_that_loads(tmp_path):
    """The recap's offer writes the same profile --save-profile would, and it loads back."""
    child = spawn("recommend", "--budget", "2000", "--tokens", "5M")
    for _ in range(15):
        child.expect(r"\]: |: $")
        child.sendline("")
    child.expect("Your answers")
    child.expect("Save these answers")
    path = tmp_path / "mine.toml"
    child.sendline(str(path))
    child.expect("saved answers to")
    child.expect("Verdict")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = path.read_text()
    assert "budget = 2000" in text and "tokens = 5000000" in text
