"""The fast path: the common commands parsed without building the Typer app.

Typer builds a Click command and a pydantic adapter for every parameter on every run (about
0.4x of the import floor before any work).  For ``list``, ``show``, ``compare``, ``recommend``,
``cost`` and ``check`` this module parses the command line itself, from ``_spec.py`` (the app's own
parameters, generated and checked by a test), following Click's rules: options anywhere after
the command, ``--opt value`` and ``--opt=value``, the last of a repeated option wins, ``--``
ends the options.  Anything else (help, completion, an unknown or malformed option, a missing
argument, the ``catalog`` commands) returns None, and the Typer app runs instead, so every
usage error is Click's own; tests run both paths on the same command lines and compare them.
"""

from __future__ import annotations

import os
from typing import Any

from ._spec import SPEC

COMMANDS = {
    "list": "listing",
    "show": "show",
    "compare": "compare",
    "recommend": "recommend",
    "cost": "cost",
    "check": "check",
}
"""Fast-path commands and the module in ``cli/commands/`` whose ``run`` carries each out."""


def _take_value(args: list[str], i: int, arg: str) -> tuple[str, int] | None:
    """The value of the option at ``args[i]`` (inline ``=value`` or the next word) and the index
    after it; None when there is none."""
    if "=" in arg and arg.startswith("--"):
        return arg.split("=", 1)[1], i + 1
    if i + 1 < len(args):
        return args[i + 1], i + 2
    return None


def _parse_options(
    args: list[str], spec: dict[str, Any], *, stop_at_word: bool
) -> tuple[dict[str, Any], list[str], int] | None:
    """Options and positional words of one command level; None to hand over to Click."""
    values: dict[str, Any] = {}
    words: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            if stop_at_word:
                return None
            words.extend(args[i + 1 :])
            break
        if arg.startswith("-") and arg != "-":
            name = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
            if name in spec["flags"] and arg == name:
                dest, value = spec["flags"][name]
                values[dest] = value
                i += 1
                continue
            if name not in spec["values"]:
                return None  # help, an unknown option, a flag given a value: Click words it
            if not arg.startswith("--") and len(arg) > 2:  # -qTEXT
                values[spec["values"][name]] = arg[2:]
                i += 1
                continue
            got = _take_value(args, i, arg)
            if got is None:
                return None
            values[spec["values"][name]], i = got
            continue
        if stop_at_word:
            return values, words, i
        words.append(arg)
        i += 1
    return values, words, len(args)


def _resolve(spec: dict[str, Any], given: dict[str, Any], words: list[str]) -> dict[str, Any] | None:
    """Every parameter's value (given, else from its environment variable, else the default)."""
    out = dict(spec["defaults"])
    for dest, env in spec["envvars"].items():
        if os.environ.get(env):
            out[dest] = os.environ[env]
    out.update(given)
    if any(name not in given for name in spec["required"]):
        return None  # a required option is missing: Click says so
    arguments = spec["arguments"]
    if arguments:
        ((name, nargs),) = arguments
        if nargs == -1:
            if not words:
                return None
            out[name] = list(words)
        elif len(words) == nargs == 1:
            out[name] = words[0]
        else:
            return None
    elif words:
        return None
    return out


def parse(args: list[str]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(command, its arguments, the global options) for a fast-path command line, else None.
    A global value taken from its environment variable is marked ``<name>_from_env``."""
    glob = SPEC["global"]
    head = _parse_options(args, glob, stop_at_word=True)
    if head is None:
        return None
    given, _, at = head
    if set(given) - {"catalog", "today"}:
        return None  # --version, --install-completion, --show-completion: Typer's own
    if at >= len(args) or args[at] not in COMMANDS:
        return None
    command = args[at]
    spec = SPEC["commands"][command]
    body = _parse_options(args[at + 1 :], spec, stop_at_word=False)
    if body is None:
        return None
    values, words, _ = body
    kwargs = _resolve(spec, values, words)
    if kwargs is None:
        return None
    globals_ = _resolve(glob, given, [])
    assert globals_ is not None
    for dest, env in glob["envvars"].items():
        globals_[f"{dest}_from_env"] = dest not in given and bool(os.environ.get(env))
    return command, kwargs, globals_


def run(command: str, kwargs: dict[str, Any], globals_: dict[str, Any]) -> int:
    """Carry out a parsed fast-path command, as the Typer wrapper would."""
    import importlib

    from .context import AppContext

    app = AppContext.from_options(globals_["catalog"], globals_["today"], today_from_env=globals_["today_from_env"])
    module = importlib.import_module(f".commands.{COMMANDS[command]}", __package__)
    code: int = module.run(app, **kwargs)
    return code
