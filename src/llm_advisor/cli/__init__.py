"""The command line: the only layer that imports Typer, reads the environment, stdin and the
clock, prompts, and maps errors to exit codes (``cli/errors.py``).

``main`` answers ``--version`` and the shell's completion of a model name before anything heavy
is imported, runs the common commands through the fast path (``fastpath.py``) and everything
else through the Typer app (``app.py``).
"""

from __future__ import annotations

import contextlib
import os
import sys

COMPLETE_VAR = "_LLM_ADVISOR_COMPLETE"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every expected failure becomes one stderr line and its exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--version"]:
        from .. import __version__

        sys.stdout.write(f"llm-advisor {__version__}\n")
        return 0
    if os.environ.get(COMPLETE_VAR):
        from .completion import fast_complete

        answered = fast_complete(os.environ)
        if answered is not None:
            return answered
    import signal

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, _terminated)
        except ValueError:  # not the main thread (an embedding application): leave signals alone
            break
    try:
        return _main(args)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _terminated(signum: int, _frame: object) -> None:
    # `kill`, a CI timeout, systemd, a closed terminal (SIGHUP): unwind like Ctrl-C, so no
    # temporary file stays behind; the exit code is the shell's 128 + the signal.
    raise SystemExit(128 + signum)


def _main(args: list[str]) -> int:
    from .errors import OUTPUT_ERROR, guarded, say

    for stream in (sys.stdout, sys.stderr):
        # A terminal that is not UTF-8 gets '?' for characters it cannot show, never a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    if sys.stdout is None:  # started with stdout closed (`>&-`): results would be lost
        say("llm-advisor: error: cannot write results: standard output is closed\n")
        return OUTPUT_ERROR
    return guarded(lambda: _dispatch(args), args)


def _dispatch(args: list[str]) -> int:
    from . import fastpath

    parsed = fastpath.parse(args)
    if parsed is not None:
        return fastpath.run(*parsed)
    return _typer(args)


def _typer(args: list[str]) -> int:
    from .app import app

    rv = app(args=args, prog_name="llm-advisor", standalone_mode=False)
    return rv if isinstance(rv, int) else 0


__all__ = ["main"]
