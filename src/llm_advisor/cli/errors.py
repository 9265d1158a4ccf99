"""The one place failures become exit codes and words.

Every run goes through ``guarded``: a library error, a Click usage error, Ctrl-C, SIGTERM, a
closed or full stdout, a reader that went away: each gets one line on stderr
(``llm-advisor: error: ...``) and its exit code, and with ``--json`` stdout holds the contract's
error document ``{"schema_version": 1, "error": {"code": N, "message": ...}}``, whatever stage
the failure came at.  Exit codes: the contract's 0 ok, 1 nothing matched, 2 usage, 3 catalogue;
and 74 output not writable, 130 Ctrl-C, 141 reader gone, 143 SIGTERM.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import (
    AdvisorError,
    CatalogError,
    InvalidAnswer,
    MissingAnswers,
    NotFoundError,
    PolicyError,
    PricesUnavailable,
)

OUTPUT_ERROR = 74
"""Exit code when results cannot be written (standard output closed, disk full): EX_IOERR
from sysexits.h.  The contract's codes 1-3 mean something about the request, not the output."""
INTERRUPTED = 130
SIGPIPE_EXIT = 141
"""Exit code when the reader goes away (`| head`): 128 + SIGPIPE, what a shell reports for cat,
gh or any program the signal stops, so `set -o pipefail` scripts see the usual code."""

FLAG_NAMES = {
    "power_usd_per_kwh": "--power-price",
    "server_usd": "--server-price",
    "server_power_w": "--server-power",
    "fte_usd": "--fte-cost",
}
"""Answers and assumptions whose flag is not their field name with dashes."""
GLOBAL_OPTIONS = {"--today": "2026-12-01", "--catalog": "DIR"}
REMOVED_OPTIONS = {
    "--concurrency": "the batch now follows from memory, --max-batch and --stream-speed",
    "--runtime-overhead": "memory is now the weights, the KV cache and a calibrated reserve per GPU (docs/cost-model.md)",
    "--bandwidth-utilisation": "the serving engine's efficiencies are calibrated against published benchmarks (docs/cost-model.md)",
    "--compute-utilisation": "the serving engine's efficiencies are calibrated against published benchmarks (docs/cost-model.md)",
}
"""Options of 0.1 that 0.2 dropped, and what replaced them."""
"""Options of the app itself, given before the command (with an example value for the hint)."""


def flag(field: str) -> str:
    """The command-line flag of a requirement or cost assumption: ``output_share`` -> ``--output-share``."""
    return FLAG_NAMES.get(field, "--" + field.replace("_", "-"))


def json_requested(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON (``--json``, ``--format json``), so that even a
    failure before the command reads its flags answers with a JSON document."""
    args = list(argv)
    if "--" in args:
        args = args[: args.index("--")]
    for i, arg in enumerate(args):
        if (
            arg == "--json"
            or arg == "--format=json"
            or (arg == "--format" and i + 1 < len(args) and args[i + 1].strip().lower() == "json")
        ):
            return True
    return False


def describe(exc: AdvisorError) -> str:
    """A library error in the words of the command line: flags for fields, commands to run."""
    if isinstance(exc, InvalidAnswer):
        return f"{flag(exc.field)} {exc.reason}"
    if isinstance(exc, MissingAnswers):
        flags = [flag(f) for f in exc.fields]
        return f"missing {' and '.join(flags)}: pass {' '.join(f'{f} VALUE' for f in flags)} (or --profile FILE, or run on a terminal to be asked)"
    if isinstance(exc, NotFoundError):
        return f"{exc} (see 'llm-advisor list')"
    if isinstance(exc, CatalogError) and len(exc.problems) > 1:
        return f"{exc.problems[0]} (and {len(exc.problems) - 1} more; run 'llm-advisor catalog validate')"
    if isinstance(exc, PricesUnavailable):
        return "catalog audit needs genai-prices: pip install 'llm-advisor[prices]'"
    return str(exc)


def _details(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, NotFoundError):
        return {"kind": "not_found", "query": exc.query, "suggestions": exc.suggestions}
    if isinstance(exc, CatalogError):
        return {"kind": "catalog", "problems": [p.__dict__ for p in exc.problems]}
    if isinstance(exc, PolicyError):
        return {"kind": "policy", "problems": [p.__dict__ for p in exc.problems]}
    if isinstance(exc, InvalidAnswer):
        return {"kind": "usage", "field": exc.field}
    return {"kind": "usage"}


def say(text: str) -> None:
    """Write to stderr, unless it is closed or broken: an error report must not fail itself."""
    if sys.stderr is None:  # started with stderr closed (`2>&-`)
        return
    from ..units import printable

    body, end = (text[:-1], "\n") if text.endswith("\n") else (text, "")
    try:
        sys.stderr.write(printable(body) + end)
        sys.stderr.flush()
    except (OSError, ValueError):
        # A full disk or a closed pipe behind stderr: the message is lost, but the exit code
        # must not be (the interpreter's final flush would fail again and exit 120).
        _discard(sys.stderr)


def _fail(
    code: int,
    message: str,
    want_json: bool,
    details: dict[str, Any] | None = None,
    *,
    prefix: str = "llm-advisor: error: ",
) -> int:
    say(f"{prefix}{message}\n")
    if want_json and sys.stdout is not None:
        import json

        doc = {"schema_version": 1, "error": {"code": code, "message": message, **(details or {})}}
        try:
            sys.stdout.write(json.dumps(doc, indent=2) + "\n")
            sys.stdout.flush()
        except (OSError, ValueError):
            _discard_stdout()
    return code


def _interrupted(want_json: bool) -> int:
    return _fail(INTERRUPTED, "interrupted", want_json, {"kind": "interrupted"}, prefix="\n")


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what could not be
    written neither fails again nor prints 'Exception ignored' over our exit code."""
    _discard(sys.stdout)


def _discard(stream: Any) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def guarded(run: Callable[[], int | None], argv: Sequence[str]) -> int:
    """Run a command and turn every expected failure into its exit code and words."""
    want_json = json_requested(argv)
    try:
        code = run() or 0
        if code == INTERRUPTED:  # Typer turns Ctrl-C during a command into a silent exit 130
            return _interrupted(want_json)
        sys.stdout.flush()  # a full disk shows up here, while we can still say so
        return code
    except KeyboardInterrupt:
        return _interrupted(want_json)
    except AdvisorError as exc:
        return _fail(exc.exit_code, describe(exc), want_json, _details(exc))
    except BrokenPipeError:
        _discard_stdout()
        return SIGPIPE_EXIT
    except SystemExit as exc:
        # Click (inside Typer) and Rich turn a broken pipe into exit 1, which our callers read
        # as "nothing matched"; the BrokenPipeError is the context of their SystemExit.
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        _discard_stdout()
        return SIGPIPE_EXIT
    except OSError as exc:
        # Files the user names get their own messages, so this is nearly always the output
        # (disk full, device error); an error that names a file says which.
        what = exc.filename if exc.filename else "cannot write results"
        if not exc.filename:
            _discard_stdout()
        say(f"llm-advisor: error: {what}: {exc.strerror or exc}\n")
        return OUTPUT_ERROR
    except Exception as exc:
        failure = _click_failure(exc, want_json)
        if failure is None:
            raise
        return failure


def _click_failure(exc: Exception, want_json: bool) -> int | None:
    """A Click exception (the Typer path only), or None for anything else."""
    click_exc = sys.modules.get("typer._click.exceptions") or sys.modules.get("click.exceptions")
    if click_exc is None:
        return None
    if isinstance(exc, click_exc.NoArgsIsHelpError):
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return 0
    typer_exc = sys.modules.get("typer.exceptions")
    if typer_exc is not None and isinstance(exc, typer_exc.Abort):
        return _interrupted(want_json)
    if isinstance(exc, click_exc.UsageError):
        ctx = exc.ctx
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        name = getattr(exc, "option_name", None)
        if isinstance(exc, click_exc.NoSuchOption) and name in GLOBAL_OPTIONS:
            command = ctx.command_path.split(" ", 1)[1] if ctx is not None and " " in ctx.command_path else "recommend"
            hint = f"; {name} goes before the command, e.g. 'llm-advisor {name} {GLOBAL_OPTIONS[name]} {command} ...'"
        if isinstance(exc, click_exc.NoSuchOption) and name in REMOVED_OPTIONS:
            return _fail(2, f"{name} was removed in 0.2: {REMOVED_OPTIONS[name]}", want_json)
        return _fail(2, f"{exc.format_message()}{hint}", want_json)
    if isinstance(exc, click_exc.ClickException):
        return _fail(exc.exit_code, exc.format_message(), want_json)
    return None
