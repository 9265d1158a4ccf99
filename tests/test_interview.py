"""The interview driven end to end on a pseudo-terminal."""

from __future__ import annotations

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
    for _ in range(13):  # every other question: take the default
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
