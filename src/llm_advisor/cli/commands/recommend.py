"""`llm-advisor recommend`: the interview (or flags, or a profile), then the advice."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ...errors import UsageError
from ..context import AppContext
from .values import whole


def can_prompt() -> bool:
    """Prompts only when stdin and stdout are terminals (gh's CanPrompt)."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(
    app: AppContext,
    *,
    profile: str | None,
    save_profile: str | None,
    no_input: bool,
    top: str,
    explain: bool,
    json_: bool,
    plain: bool,
    fmt: str | None,
    policy: str | None = None,
    **flags: Any,
) -> int:
    from ...base import json_data
    from ...requirements import FIELDS, build, defaulted, parse_value
    from ..errors import flag
    from ..files import load_profile, write_profile

    out = app.use_output(json_, plain, fmt, html=True)
    n_top = whole(top, "--top", 1, 1000)
    answers: dict[str, Any] = load_profile(Path(profile)) if profile is not None else {}
    for name in FIELDS:  # every requirement has a flag of its own name
        if flags[name] is not None:
            answers[name] = parse_value(name, flags[name])
    save_path = Path(save_profile) if save_profile is not None else None
    if save_path is not None:
        folder = save_path.parent if str(save_path.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"--save-profile {save_path}: folder {folder} does not exist")
        if save_path.exists() and not save_path.is_file():
            from ...atomic import file_kind

            kind = file_kind(save_path.stat().st_mode)
            raise UsageError(
                f"--save-profile {save_path}: is {kind}, not a regular file; give the path of a file to write"
            )
    cat = app.dated()  # fail on a bad catalogue (or policy) before asking anything
    rules = None
    if policy is not None:
        from ..files import load_policy

        rules = load_policy(Path(policy), cat, cache_dir=app.cache_dir, overlays=app.overlays)
    if not no_input and can_prompt():
        from ..interview import ask

        def offer_save(path: str, got: dict[str, Any]) -> str:
            target = Path(path).expanduser()
            write_profile(build(got), target)
            return f"saved answers to {target}"

        try:
            answers = ask(
                answers, read=sys.stdin.readline, err=out.err, save=None if save_path is not None else offer_save
            )
        except EOFError:
            raise UsageError(
                "input ended before every question was answered; pass the answers as flags or --profile"
            ) from None
    assumed = defaulted(answers, flag)
    req = build(answers)
    if save_path is not None:
        write_profile(req, save_path)
        out.say(f"saved answers to {save_path}")

    from ...core.recommend import recommend

    advice = recommend(cat, req, today=app.today, top=n_top, policy=rules)
    assumptions = assumed + advice.assumptions
    by_policy = sum(1 for e in advice.excluded if "policy" in e.constraints) if rules is not None else 0
    if rules is not None:
        assumptions.append(
            f"policy {policy} applied as hard constraints: it excludes {by_policy} model{'s' if by_policy != 1 else ''}"
        )
    if out.mode == "json":
        doc = json_data(advice)
        doc["assumptions"] = assumptions
        if rules is not None:
            doc["policy"] = {"file": policy, "excluded": by_policy}
        if not explain:
            for side in ("open", "closed"):
                for rec in doc[side]:
                    rec.pop("trace", None)
        out.json(doc)
    elif out.mode == "html":
        from ... import __version__
        from ...core.cost_report import leading_costs
        from ...core.recommend import default_assumptions
        from ...render.html import render_html

        reports = leading_costs(cat, advice, default_assumptions(req))
        out.out.write(render_html(advice, cat, assumptions, reports, version=__version__))
    else:
        from ...render.advice import render_advice

        render_advice(out, advice, cat, assumptions, explain=explain)
    if advice.verdict == "none":
        out.say(f"{advice.summary} (--explain lists each model's reasons)")
        return 1
    return 0
