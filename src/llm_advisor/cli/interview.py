"""The interview: asks, on a terminal, every requirement not already answered.

Answers are typed the way people say them (``40 million``, ``$1.5k``, ``USA``, ``aws``, a
choice's name or its number), so it works on any terminal.  A bad answer is explained and
asked again; a cloud named where another answer was asked is noted as the cloud.  A user who
does not know the volume answers ``?`` and is walked through an estimate (users x requests a
day x tokens a request).  Questions that only matter for some answers (which regimes, for
confidential or regulated data; which cloud, where a managed service may run) are asked only
then.  At the end every answer is recapped, with an offer to save them as a profile, before
the advice is shown.

Prompts go to stderr; answers come from stdin.  End of input raises ``EOFError`` and Ctrl-C
``KeyboardInterrupt``; the CLI maps them to exit codes 2 and 130.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from ..errors import InvalidAnswer, UsageError
from ..requirements import CHOICES, MODALITIES, parse_value
from ..units import fmt_count


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    help: str
    default: Any = None
    when: Callable[[dict[str, Any]], bool] | None = None
    """Asked only when this holds for the answers so far (None: always)."""


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
        "Input plus output, e.g. 50M, 2.5B or 40 million; 1M tokens is roughly 750,000 words. Not sure? Answer ? to estimate it.",
        None,
    ),
    Question(
        "output_share",
        "What share of those tokens is output?",
        "From 0 to 1; chat is about 0.25, summarization less, generation more.",
        0.25,
    ),
    Question(
        "budget",
        "What can you spend a month, in USD?",
        "All-in: API bills or GPUs and the people to run them; e.g. 2000 or $1.5k.",
        None,
    ),
    Question(
        "sensitivity",
        "How sensitive is the data you send?",
        "regulated = health, financial or personal data under law (HIPAA, GDPR special categories).",
        "internal",
    ),
    Question(
        "compliance",
        "Which rules does the data fall under?",
        "Comma-separated: hipaa, gdpr, pci-dss, fedramp; or none. Every host that sees the data must meet each.",
        (),
        when=lambda a: a.get("sensitivity") in ("confidential", "regulated"),
    ),
    Question(
        "hosting",
        "Where may the model run, at the most restrictive?",
        "private-cloud = inside your own cloud account; on-prem = your servers; air-gapped = no internet.",
        "anywhere",
    ),
    Question(
        "cloud",
        "Which cloud account do you have?",
        "Managed services that run inside your account (Bedrock, Azure, Vertex) are offered only there.",
        "any",
        when=lambda a: a.get("hosting", "anywhere") in ("anywhere", "private-cloud"),
    ),
    Question(
        "region",
        "Where must data be processed?",
        "Pin processing to a region (eu, us, or e.g. USA, Europe), or any.",
        "any",
    ),
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
        return ",".join(value) or "none"
    if isinstance(value, int) and value >= 1000:
        return fmt_count(value)
    return str(value)


ESTIMATE_WORDS = {"?", "help", "dont know", "don't know", "not sure", "unsure", "no idea", "estimate"}
DAYS_A_MONTH = 30


def _number(reply: str) -> float | None:
    from ..units import parse_count

    try:
        return float(parse_count(reply))
    except ValueError:
        return None


def estimate_tokens(read: Callable[[], str], err: TextIO) -> int:
    """Walk a user through a volume estimate: users x requests a day x tokens a request x 30."""
    err.write("    Let's estimate it.\n")
    asks = (
        ("How many people (or systems) use it on a typical day?", None),
        ("How many requests does each send a day?", None),
        (
            "How many tokens is one request, prompt plus answer? (a chat turn ~1,000; a RAG query with documents ~4,000)",
            1_500.0,
        ),
    )
    got = []
    for text, default in asks:
        while True:
            shown = f" [{fmt_count(int(default))}]" if default else ""
            err.write(f"    {text}{shown}: ")
            err.flush()
            line = read()
            if line == "":
                raise EOFError
            reply = line.strip()
            if not reply and default:
                got.append(default)
                break
            value = _number(reply)
            if value is None or value <= 0:
                err.write("      a positive number, please (e.g. 200 or 1.5k)\n")
                continue
            got.append(value)
            break
    tokens = round(got[0] * got[1] * got[2] * DAYS_A_MONTH)
    err.write(
        f"    {fmt_count(round(got[0]))} x {fmt_count(round(got[1]))} a day x {fmt_count(round(got[2]))} tokens x {DAYS_A_MONTH} days"
        f" = about {fmt_count(tokens)} tokens a month\n"
    )
    return max(tokens, 1)


def _shown(name: str, value: Any) -> str:
    if name == "budget":
        return f"${value:,.0f} a month"
    if name == "tokens":
        return f"{fmt_count(value)} a month"
    if name == "context":
        return fmt_count(value)
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def recap(answers: dict[str, Any], err: TextIO) -> None:
    """Every answer, one a line, in the order asked."""
    err.write("Your answers:\n")
    for q in QUESTIONS:
        if q.name in answers:
            err.write(f"  {q.name.replace('_', ' '):<16} {_shown(q.name, answers[q.name])}\n")
    err.write("\n")


def ask(
    answers: dict[str, Any],
    *,
    read: Callable[[], str],
    err: TextIO,
    save: Callable[[str, dict[str, Any]], str] | None = None,
) -> dict[str, Any]:
    """Ask every question not in ``answers``; return the completed answers.  ``save(path, answers)``,
    when given, writes the answers to a profile (returning what it wrote, or raising
    ``UsageError`` to ask again) and is offered after the recap."""
    out = dict(answers)
    todo = [q for q in QUESTIONS if q.name not in out]
    if not todo:
        return out
    err.write("Answer a few questions (Enter takes the default in brackets; Ctrl-C to stop).\n")
    n = 0
    for q in todo:
        if q.name in out or (q.when is not None and not q.when(out)):
            continue  # answered along the way, or does not matter for these answers
        n += 1
        choices = CHOICES.get(q.name)
        err.write(f"\n[{n}] {q.text}\n    {q.help}\n")
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
            if q.name == "tokens" and reply.lower().strip(" .!") in ESTIMATE_WORDS:
                out[q.name] = estimate_tokens(read, err)
                break
            if choices and reply.isdigit() and 1 <= int(reply) <= len(choices):
                reply = choices[int(reply) - 1]
            try:
                out[q.name] = parse_value(q.name, reply)
                break
            except InvalidAnswer as exc:
                cloud = _cloud_named(reply) if q.name != "cloud" else None
                if cloud is not None and "cloud" not in out:
                    out["cloud"] = cloud
                    err.write(f"    noted: your cloud is {cloud}. Now, {q.text[0].lower()}{q.text[1:]}\n")
                    continue
                err.write(f"    answer {exc.reason}; try again\n")
    err.write("\n")
    recap(out, err)
    if save is not None:
        while True:
            err.write("Save these answers as a profile to reuse with --profile? (a file name, or Enter to skip): ")
            err.flush()
            line = read()
            if line == "":
                raise EOFError
            path = line.strip()
            if not path:
                break
            try:
                err.write(f"    {save(path, out)}\n")
                break
            except UsageError as exc:
                err.write(f"    {exc}; try again\n")
        err.write("\n")
    return out


def _cloud_named(reply: str) -> str | None:
    """The cloud a reply names ('aws', 'Amazon', 'Google Cloud'), if it names one."""
    try:
        cloud = parse_value("cloud", reply)
    except InvalidAnswer:
        return None
    return None if cloud == "any" else str(cloud)
