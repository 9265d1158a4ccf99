"""Shell completion of model names, answered from the names kept beside the catalogue cache
without importing Typer or the catalogue's types; anything else is Typer's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def model_names(overlays: Sequence[str]) -> list[str]:
    """The ids, aliases and families of the catalogue the overlays make: from beside the cache,
    else by loading the catalogue (which writes them there for next time)."""
    from pathlib import Path

    from ..catalog.fingerprint import cached_names
    from .environment import cache_dir_from_env

    cache = cache_dir_from_env()
    paths = [Path(p) for p in overlays]
    if cache is not None:
        names = cached_names(paths, cache_dir=cache)
        if names is not None:
            return names
    from ..catalog.cache import load_catalog_cached

    return load_catalog_cached(paths, cache_dir=cache).names()


def _words(env: Mapping[str, str]) -> tuple[str, list[str], str] | None:
    """(shell, the words before the cursor, the word being completed), for bash, zsh and fish."""
    from shlex import split

    shell = env.get("_LLM_ADVISOR_COMPLETE", "")
    try:
        if shell == "complete_bash":
            words = split(env["COMP_WORDS"])
            cword = int(env["COMP_CWORD"])
            return "bash", words[1:cword], words[cword] if cword < len(words) else ""
        if shell in ("complete_zsh", "complete_fish"):
            line = env.get("_TYPER_COMPLETE_ARGS", "")
            words = split(line)[1:]
            if words and not line.endswith(" "):
                return shell[9:], words[:-1], words[-1]
            return shell[9:], words, ""
    except (KeyError, ValueError):
        return None
    return None


def _wants_model(before: list[str]) -> tuple[bool, str | None]:
    """Whether the next word is a model name, and the --catalog the words give."""
    from ._spec import SPEC

    glob = SPEC["global"]
    overlay = None
    i = 0
    while i < len(before) and before[i].startswith("-"):
        name, _, inline = before[i].partition("=")
        if name not in glob["values"]:
            return False, None
        value = inline if "=" in before[i] else (before[i + 1] if i + 1 < len(before) else None)
        if value is None:
            return False, None
        if glob["values"][name] == "catalog":
            overlay = value
        i += 1 if "=" in before[i] else 2
    if i >= len(before) or before[i] not in ("show", "cost", "compare", "check"):
        return False, None
    command, rest = before[i], before[i + 1 :]
    spec = SPEC["commands"][command]
    positionals = 0
    j = 0
    while j < len(rest):
        word = rest[j]
        if word == "--":
            return False, None
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            if name in spec["flags"]:
                j += 1
                continue
            if name not in spec["values"]:
                return False, None
            j += 1 if "=" in word else 2
            continue
        positionals += 1
        j += 1
    if j > len(rest):  # the cursor is on an option's value
        return False, None
    return command in ("compare", "check") or positionals == 0, overlay


def fast_complete(env: Mapping[str, str]) -> int | None:
    """Print the completions of a model name and return the exit code; None for Typer."""
    import sys

    got = _words(env)
    if got is None:
        return None
    shell, before, incomplete = got
    if incomplete.startswith("-"):
        return None
    wants, overlay = _wants_model(before)
    if not wants:
        return None
    overlay = overlay or env.get("LLM_ADVISOR_CATALOG") or None
    try:
        names = [n for n in model_names([overlay] if overlay else []) if n.startswith(incomplete.lower())]
    except Exception:
        names = []
    if shell == "bash":
        sys.stdout.write("\n".join(names) + "\n")
    elif shell == "zsh":

        def esc(s: str) -> str:
            return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

        items = "\n".join(f'"{esc(n)}"' for n in names)
        sys.stdout.write((f"_arguments '*: :(({items}))'" if names else "_files") + "\n")
    else:
        action = env.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return 0 if names else 1
        if action == "get-args" and names:
            sys.stdout.write("\n".join(names) + "\n")
        else:
            sys.stdout.write("\n")
    return 0
