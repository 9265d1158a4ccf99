"""The interview: asks, on a terminal, every requirement not already answered.

Answers are typed (a number, ``50M``, a choice name or its number), so it works on any
terminal.  A bad answer is explained and asked again.  Prompts go to stderr; answers come from
stdin.  End of input raises ``EOFError`` and Ctrl-C ``KeyboardInterrupt``; the CLI maps them to
exit codes 2 and 130.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from ..errors import InvalidAnswer
from ..requirements import CHOICES, MODALITIES, parse_value
from ..units import fmt_count


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    help: str
    default: Any = None


QUESTIONS: tuple[Question, ...] = (
    Question(
        "use_case",
        "What is the main task?",
        "The job the model does most; it weighs models' documented strengths.",
        "general",
    ),
    Question(
        "tokens",
        "How many tokens a month?",
        "Input plus output, e.g. 50M or 2.5B; 1M tokens is roughly 750,000 words.",
        None,
    ),
    Question(
        "output_share",
        "What share of those tokens is output?",
        "From 0 to 1; chat is about 0.25, summarization less, generation more.",
        0.25,
    ),
    Question("budget", "What can you spend a month, in USD?", "All-in: API bills or GPUs.", None),
    Question(
        "sensitivity",
        "How sensitive is the data you send?",
        "regulated = health, financial or personal data under law (HIPAA, GDPR special categories).",
        "internal",
    ),
    Question(
        "hosting",
        "Where may the model run, at the most restrictive?",
        "private-cloud = inside your own cloud account; on-prem = your servers; air-gapped = no internet.",
        "anywhere",
    ),
    Question("region", "Where must data be processed?", "Pin processing to a region, or any.", "any"),
    Question(
        "time_to_market",
        "How soon must it be in production?",
        "Self-hosting takes weeks to months; an API takes days.",
        "weeks",
    ),
    Question(
        "expertise",
        "How strong is your team in ML and infrastructure?",
        "none = no ML engineers; strong = you run GPU servers today.",
        "some",
    ),
    Question(
        "customization",
        "How far must the model be adapted?",
        "fine-tuning = train on your data; full-control = own and change the weights.",
        "none",
    ),
    Question(
        "priority",
        "Once the constraints are met, what matters most?",
        "quality, cost, or a balance of both.",
        "balanced",
    ),
    Question("context", "Minimum context window?", "Tokens the model must read at once, e.g. 8k, 128k, 1M.", 8_000),
    Question("modalities", "Which inputs must it accept?", f"Comma-separated: {', '.join(MODALITIES)}.", ("text",)),
    Question("commercial", "Is it for a commercial product?", "yes or no; some licences are research-only.", True),
    Question(
        "batch_share",
        "What share of the tokens can wait for a batch API?",
        "From 0 to 1: work that can wait hours (reports, backfills) costs about half at most vendors.",
        0.0,
    ),
    Question(
        "cache_share",
        "What share of the input repeats a cached prompt prefix?",
        "From 0 to 1: a long system prompt or document sent again and again; cached input costs a tenth at many vendors.",
        0.0,
    ),
)


def _show_default(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, int) and value >= 1000:
        return fmt_count(value)
    return str(value)


def ask(
    answers: dict[str, Any],
    *,
    read: Callable[[], str],
    err: TextIO,
) -> dict[str, Any]:
    """Ask every question not in ``answers``; return the completed answers."""
    out = dict(answers)
    todo = [q for q in QUESTIONS if q.name not in out]
    if not todo:
        return out
    err.write("Answer a few questions (Enter takes the default in brackets; Ctrl-C to stop).\n")
    for n, q in enumerate(todo, 1):
        choices = CHOICES.get(q.name)
        err.write(f"\n[{n}/{len(todo)}] {q.text}\n    {q.help}\n")
        if choices:
            err.write("    " + "  ".join(f"{i}) {c}" for i, c in enumerate(choices, 1)) + "\n")
        default = _show_default(q.default)
        while True:
            err.write(f"  {q.name.replace('_', ' ')}" + (f" [{default}]" if default else "") + ": ")
            err.flush()
            line = read()
            if line == "":  # end of input
                raise EOFError
            reply = line.strip()
            if not reply:
                if q.default is None:
                    err.write("    an answer is needed here\n")
                    continue
                out[q.name] = q.default
                break
            if choices and reply.isdigit() and 1 <= int(reply) <= len(choices):
                reply = choices[int(reply) - 1]
            try:
                out[q.name] = parse_value(q.name, reply)
                break
            except InvalidAnswer as exc:
                err.write(f"    answer {exc.reason}; try again\n")
    err.write("\n")
    return out
