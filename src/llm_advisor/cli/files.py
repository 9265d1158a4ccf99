"""The files the CLI reads and writes for the user: profiles, and atomic writes so that readers
never see half of a file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import NotRegularFile, Unreadable, read_text, write_atomic
from ..errors import InvalidAnswer, PolicyError, Problem, UsageError
from ..requirements import FIELDS, Requirements, parse_value

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..policy import Policy


# ---------------------------------------------------------------------------------------------
# Profile files
# ---------------------------------------------------------------------------------------------

DOC_TABLES = ("scenario", "expect")
"""Tables a profile may carry for people (story, expectations); the advisor ignores them."""


PROFILE_LIMIT = 1_000_000
"""The most a profile may hold, in bytes (the answers take a few hundred)."""


def load_profile(path: Path) -> dict[str, Any]:
    """Answers from a TOML profile: top-level keys, or a [requirements] table."""
    label = f"--profile {path}"
    try:
        text = read_text(path, PROFILE_LIMIT, "a profile is a short TOML file")
    except Unreadable as exc:
        raise UsageError(f"{label}: {exc.reason}") from None
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{label}: TOML syntax error: {exc}") from None
    except RecursionError:
        raise UsageError(f"{label}: arrays or tables nested too deeply; a profile is a short TOML file") from None
    if isinstance(data.get("requirements"), dict):
        extra = [k for k in data if k not in ("requirements", *DOC_TABLES)]
        if extra:
            raise UsageError(f"{path}: unknown key {extra[0]!r} beside [requirements]")
        data = data["requirements"]
    else:
        data = {k: v for k, v in data.items() if k not in DOC_TABLES or not isinstance(v, dict)}
    if not data:
        raise UsageError(f"{label}: no answers in the file (keys: {', '.join(FIELDS)})")
    answers = {}
    for key, value in data.items():
        if key not in FIELDS:
            import difflib

            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(FIELDS)}"
            raise UsageError(f"{path}: unknown key {key!r}{hint}")
        try:
            answers[key] = parse_value(key, value)
        except InvalidAnswer as exc:
            raise UsageError(f"{path}: {key} {exc.reason}") from None
    return answers


def profile_dict(req: Requirements) -> dict[str, Any]:
    """The answers as a profile's keys (a whole budget written as a whole number)."""
    from ..base import json_data

    data: dict[str, Any] = json_data(req)
    if float(data["budget"]).is_integer():
        data["budget"] = int(data["budget"])
    return data


def write_profile(req: Requirements, path: Path) -> None:
    """Write the answers as TOML atomically: a temporary file in the same folder, renamed."""
    import tomli_w

    label = f"--save-profile {path}"
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{label}: folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"{label}: is a directory")
    body = "# llm-advisor profile: use with `llm-advisor recommend --profile FILE`\n" + tomli_w.dumps(profile_dict(req))
    try:
        write_atomic(folder / path.name, body)
    except NotRegularFile as exc:
        raise UsageError(f"{label}: is {exc.kind}, not a regular file; give the path of a file to write") from None
    except OSError as exc:
        raise UsageError(f"{label}: cannot write: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------------------------
# Catalogue files the CLI writes for the user
# ---------------------------------------------------------------------------------------------

MODEL_TEMPLATE = """\
# A model of your own for llm-advisor, written by `llm-advisor catalog new` on {today}.
# Fill in every line marked TODO (leave a key out when the fact is unknown), then check it:
#     llm-advisor catalog validate {root}
# and use it with:  llm-advisor --catalog {root} show {model_id}
# Every key is described by `llm-advisor catalog schema model`.

name = ""                  # TODO: display name, e.g. "ACME support model (Llama 3.3 70B fine-tune)"
family = "{lab}"           # family id: `compare {lab}` resolves to the family's best model
aliases = []               # other names people type; unique across the catalogue
open_weights = true        # TODO: true if you hold the weights (e.g. your fine-tune of an open model)
license = ""               # TODO: a licence id from catalog/licenses.toml: {licences}
# params_b = 70            # total parameters, billions (needed to size GPUs for self-hosting)
# active_params_b = 70     # parameters active per token (mixture-of-experts), billions
context = 128_000          # TODO: context window in tokens
modalities = ["text"]      # inputs it accepts: text, image, audio, video
# released = {today}       # first release date
strengths = []             # use cases it is good at: general, chat, coding, rag, agents, summarization, extraction
fine_tuning = "weights"    # weights, api, weights+api or none
sources = []               # TODO: where these facts come from (an internal doc, a model card URL)
as_of = {today}            # when these facts were checked

[capability]
tier = 3                   # TODO: 1 frontier, 2 strong, 3 capable, 4 basic
basis = ""                 # TODO: why this tier, in a sentence (an evaluation, the base model)

# [architecture]           # for KV-cache sizing: from the model's config.json
# layers = 80
# kv_heads = 8
# head_dim = 128
# source = "config.json of the base model"

# [[offerings]]            # where it is served per token, if anywhere (a host id from catalog/hosts/)
# host = "together-ai"
# kind = "vendor-api"      # vendor-api or private-cloud; self-hosting is implied by open weights
# input = 0.88             # USD per million input tokens
# output = 0.88            # USD per million output tokens
"""


def write_overlay(root: Path, cat: Catalog, models: dict[str, dict[str, Any]], today: dt.date) -> list[str]:
    """Write each model as models/<lab>/<id>.toml under root, atomically, then validate."""
    import tomli_w

    from ..catalog import load_catalog

    if root.exists() and not root.is_dir():
        raise UsageError(f"--write {root}: is a file; give a directory")
    written = []
    for model_id, data in sorted(models.items()):
        folder = root / "models" / cat.models[model_id].lab
        header = f"# Written by 'llm-advisor catalog audit --write' on {today}: prices from genai-prices.\n"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / f"{model_id}.toml", header + tomli_w.dumps(data))
        except NotRegularFile as exc:
            raise UsageError(f"--write {root}: {exc.path} is {exc.kind}, not a regular file") from None
        except OSError as exc:
            raise UsageError(f"--write {root}: cannot write: {exc.strerror or exc}") from None
        written.append(str(folder / f"{model_id}.toml"))
    if written:
        load_catalog([root])  # what we wrote must validate (raises CatalogError, exit 3, if not)
    return written


# ---------------------------------------------------------------------------------------------
# Policy files
# ---------------------------------------------------------------------------------------------


def policy_problems(path: Path, cat: Catalog, text: str | None = None) -> tuple[Policy | None, list[Problem]]:
    """The policy in ``path`` and every problem with it: the file's own (syntax, unknown keys,
    types) and, once it reads, those against the catalogue (unknown ids, contradictions)."""
    from ..catalog.policy_file import line_of, parse_policy, read_policy_text
    from ..core.policy import policy_problems as against_catalog

    label = str(path)
    if text is None:
        got = read_policy_text(path, label)
        if isinstance(got, Problem):
            return None, [got]
        text = got
    policy, problems = parse_policy(text, label)
    if policy is None:
        return None, problems
    for loc, message in against_catalog(policy, cat):
        value = _value_at(policy, loc)
        field_name = ".".join(str(p) for p in loc if isinstance(p, str))
        problems.append(Problem(label, line_of(text, loc, value), field_name, message))
    problems.sort(key=lambda p: (p.line or 0, p.field or "", p.message))
    return (policy if not problems else None), problems


def _value_at(policy: Policy, loc: tuple[str | int, ...]) -> object:
    node: object = policy
    for part in loc:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            node = getattr(node, part, None)
    return node


POLICY_CACHE = re.compile(r"llm-advisor-policy-[0-9a-f]{32}\.pickle")
"""The policy cache's files (a shared cache folder holds other tools' files too)."""
POLICY_CACHE_KEEP = 8
"""The most policy caches kept: the newest (a team has one policy, a developer a few)."""


def load_policy(path: Path, cat: Catalog, *, cache_dir: Path | None = None, overlays: Sequence[Path] = ()) -> Policy:
    """The policy in ``path``, checked against the catalogue; a ``PolicyError`` (exit 2) naming
    the file, line and key of the first problem otherwise.  A policy that checked is cached
    under the hash of its bytes and the catalogue's key, so the next run with the same file and
    catalogue reads neither TOML nor pydantic."""
    from ..catalog.policy_file import read_policy_text
    from ..policy import Policy

    text = read_policy_text(path, str(path))
    if isinstance(text, Problem):
        raise PolicyError([text])
    cached = None
    if cache_dir is not None:
        import hashlib

        from ..catalog import builtin_catalog_dir
        from ..catalog.fingerprint import fingerprint

        key = hashlib.sha256(f"{fingerprint([builtin_catalog_dir(), *overlays])}\0{text}".encode()).hexdigest()
        cached = cache_dir / f"llm-advisor-policy-{key[:32]}.pickle"
        try:
            import pickle

            with cached.open("rb") as fh:
                got = pickle.load(fh)
            if isinstance(got, Policy):
                return got
        except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
            pass
    policy, problems = policy_problems(path, cat, text)
    if policy is None:
        raise PolicyError(problems or [Problem(str(path), None, None, "invalid policy")])
    if cached is not None:
        _store_policy(cached, policy)
    return policy


def _store_policy(target: Path, policy: Policy) -> None:
    import os
    import pickle

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, lambda fh: pickle.dump(policy, fh, protocol=pickle.HIGHEST_PROTOCOL))
        ours = sorted(
            (e for e in os.scandir(target.parent) if POLICY_CACHE.fullmatch(e.name) and e.is_file()),
            key=lambda e: e.stat().st_mtime_ns,
            reverse=True,
        )
        for entry in ours[POLICY_CACHE_KEEP:]:
            os.unlink(entry.path)
    except OSError:
        pass  # an unwritable cache only costs speed
