"""Write src/llm_advisor/cli/_spec.py: the parameters of the Typer app's fast-path commands, read
from the app itself, so the fast path parses exactly what the app declares.

    python scripts/update_cli_spec.py          # rewrite the file
    python scripts/update_cli_spec.py --check  # exit 1 if it is out of date

tests/test_fastpath.py runs the check.
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "llm_advisor" / "cli" / "_spec.py"
FAST_COMMANDS = ("list", "show", "compare", "recommend", "cost", "check")


def _params(command: Any) -> dict[str, Any]:
    values: dict[str, str] = {}
    flags: dict[str, tuple[str, Any]] = {}
    arguments: list[tuple[str, int]] = []
    defaults: dict[str, Any] = {}
    envvars: dict[str, str] = {}
    required: list[str] = []
    for p in command.params:
        if p.name == "ctx":
            continue
        defaults[p.name] = p.default
        if p.required and p.param_type_name == "option":
            required.append(p.name)
        if p.param_type_name == "argument":
            arguments.append((p.name, p.nargs))
            continue
        if p.envvar:
            envvars[p.name] = p.envvar
        if p.is_flag:
            for opt in p.opts:
                flags[opt] = (p.name, True)
            for opt in p.secondary_opts:
                flags[opt] = (p.name, False)
        else:
            for opt in p.opts:
                values[opt] = p.name
    return {
        "arguments": arguments,
        "values": values,
        "flags": flags,
        "defaults": defaults,
        "envvars": envvars,
        "required": required,
    }


def spec() -> dict[str, Any]:
    import typer

    from llm_advisor.cli.app import app

    group = typer.main.get_command(app)
    glob = _params(group)
    commands = {name: _params(group.commands[name]) for name in FAST_COMMANDS}  # type: ignore[attr-defined]
    return {"global": glob, "commands": commands}


def render() -> str:
    body = pprint.pformat(spec(), width=100, sort_dicts=True)
    return (
        '"""The parameters of the fast-path commands, generated from the Typer app by\n'
        "scripts/update_cli_spec.py (do not edit; tests/test_fastpath.py checks it is in sync).\n"
        '"""\n\n'
        "from typing import Any\n\n"
        f"SPEC: dict[str, Any] = {body}\n"
    )


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text() != text:
            print(f"out of date: {TARGET.relative_to(ROOT)} (run python scripts/update_cli_spec.py)")
            return 1
        return 0
    TARGET.write_text(text)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
