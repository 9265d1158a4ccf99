"""Regenerate the output under every `$ llm-advisor ...` line in README.md and docs/*.md.

    python scripts/readme_examples.py          # rewrite the files
    python scripts/readme_examples.py --check  # exit 1 if any file is out of date

In a ```console block, a line `$ llm-advisor ARGS` (a trailing `| head -n N` keeps the first N
lines) is followed by that command's stdout, run on the built-in catalogue with plain output
for a fixed day (DOCS_TODAY, as `--today` would), so the examples do not rot with the calendar.
Other `$` lines (pip, jq pipelines) are left as written. tests/test_docs.py runs the check.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
HEAD = re.compile(r"\s*\|\s*head -n (\d+)\s*$")
DOCS_TODAY = "2026-12-01"
"""The day every example is computed for; the README says so.  Move it forward when the
catalogue is re-checked."""


def run(command: str) -> str:
    head = None
    match = HEAD.search(command)
    if match:
        head = int(match.group(1))
        command = command[: match.start()]
    args = shlex.split(command)[1:]
    env = {k: v for k, v in os.environ.items() if k not in ("LLM_ADVISOR_CATALOG", "FORCE_COLOR")}
    env.update(NO_COLOR="1", COLUMNS="100", LLM_ADVISOR_TODAY=DOCS_TODAY)
    code = "import sys; from llm_advisor.cli import main; sys.exit(main())"
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    lines = r.stdout.rstrip("\n").splitlines()
    if head is not None and len(lines) > head:
        lines = [*lines[:head], "..."]
    return "\n".join(line.rstrip() for line in lines)


def render_block(body: str) -> str:
    out: list[str] = []
    lines = body.rstrip("\n").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            i += 1
            continue
        command_lines = [line]
        while command_lines[-1].endswith("\\") and i + 1 < len(lines):
            i += 1
            command_lines.append(lines[i])
        out.extend(command_lines)
        command = " ".join(part.rstrip("\\").strip() for part in command_lines)[2:]
        i += 1
        if command.startswith("llm-advisor ") and "|" not in HEAD.sub("", command):
            output = run(command)
            if output:
                out.append(output)
            while i < len(lines) and not lines[i].startswith("$ "):
                i += 1  # drop the old output
        else:
            while i < len(lines) and not lines[i].startswith("$ "):
                out.append(lines[i])
                i += 1
    return "\n".join(out) + "\n"


def generate(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(3), text)


def main() -> int:
    stale = []
    for path in FILES:
        text = path.read_text()
        new = generate(text)
        if new != text:
            stale.append(path)
            if "--check" not in sys.argv:
                path.write_text(new)
    if "--check" in sys.argv and stale:
        print(
            "out of date: "
            + ", ".join(str(p.relative_to(ROOT)) for p in stale)
            + " (run python scripts/readme_examples.py)"
        )
        return 1
    for p in stale:
        print(f"updated {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
