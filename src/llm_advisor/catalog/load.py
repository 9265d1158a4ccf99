"""Find, load and validate the model catalogue.

The built-in catalogue ships inside the package (``llm_advisor/catalog/builtin`` in a wheel,
the repository's ``catalog/`` in a source checkout).  User catalogues with the same layout are laid
on top: an entry with the same id replaces the built-in one.  Loading collects every problem it
finds (file, line where TOML gives it, field) and raises one ``CatalogError`` listing them all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import NotRegularFile, TooLarge, read_limited
from ..errors import CatalogError, Problem
from ..records import SLUG_PATTERN, Gpu, Host, Lab, License, Model
from . import paths
from .catalog import Catalog, compact_name
from .validation import ValidationError, validate_record

MAX_FILE_BYTES = 1_000_000
"""A catalogue file larger than this is refused: no model record needs a megabyte."""


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def _line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """Best-effort line number of a pydantic error location inside a TOML text."""
    lines = text.splitlines()
    start = 0
    found: int | None = None
    parts = list(loc)
    for i, part in enumerate(parts):
        if isinstance(part, int):
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        key = re.escape(str(part))
        if isinstance(nxt, int):
            header = re.compile(rf"^\s*\[\[\s*(?:[\w.-]+\.)?{key}\s*\]\]")
            seen = -1
            for n in range(start, len(lines)):
                if header.match(lines[n]):
                    seen += 1
                    if seen == nxt:
                        start, found = n, n + 1
                        break
            else:
                inline = re.compile(rf"^\s*{key}\s*=")
                for n in range(start, len(lines)):
                    if inline.match(lines[n]):
                        start, found = n, n + 1
                        break
            continue
        pattern = re.compile(rf"^\s*(?:{key}\s*=|\[\s*(?:[\w.-]+\.)?{key}\s*\])")
        for n in range(start, len(lines)):
            if pattern.match(lines[n]):
                start, found = n, n + 1
                break
    return found


def _toml_line(exc: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


_SLUG = re.compile(SLUG_PATTERN)


def _bad_name(name: str, what: str) -> str | None:
    """Why a file or folder name cannot be an id (it is one: models/<lab>/<id>.toml), or None."""
    if _SLUG.match(name) and len(name) <= 80:
        return None
    shown = name.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    return f"{what} '{shown}' is not an id: use lower-case letters, digits, '.', '_' and '-' (at most 80)"


def _read_toml(path: Path, rel: str, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    try:
        raw = read_limited(path, MAX_FILE_BYTES, regular_only=True)
    except NotRegularFile as exc:
        problems.append(Problem(rel, None, None, f"is {exc.kind}; a catalogue holds only regular TOML files"))
        return None
    except TooLarge:
        problems.append(
            Problem(rel, None, None, f"file is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        )
        return None
    except OSError as exc:
        problems.append(Problem(rel, None, None, f"cannot read: {exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(rel, None, None, "not UTF-8 text (is it a TOML file?)"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.append(Problem(rel, _toml_line(exc), None, f"TOML syntax error: {message}"))
        return None
    except RecursionError:
        problems.append(Problem(rel, None, None, "arrays or tables nested too deeply to read"))
        return None
    return data, text


def _validation_problems(exc: ValidationError, rel: str, text: str, prefix: Sequence[str | int] = ()) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *err["loc"]]
        field_name = ".".join(str(p) for p in loc) or None
        msg = err["msg"]
        if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = "unknown key (check the spelling against the catalogue's JSON Schema)"
        elif err["type"] in ("missing", "missing_keyword_argument"):
            msg = "required key is missing"
        elif "input" in err and err["type"] not in ("value_error",):
            msg = f"{msg} (got {err['input']!r})"
        out.append(Problem(rel, _line_of(text, loc), field_name, msg))
    return out


@dataclass
class _Layer:
    """What one catalogue directory holds, before it is merged with the others."""

    root: Path
    labs: dict[str, Lab] = field(default_factory=dict)
    licenses: dict[str, License] = field(default_factory=dict)
    gpus: dict[str, Gpu] = field(default_factory=dict)
    hosts: dict[str, Host] = field(default_factory=dict)
    models: dict[str, Model] = field(default_factory=dict)
    model_files: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    invalid: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Model files that failed validation: their raw data, still checked for references."""


def _rel(path: Path, root: Path, label: str) -> str:
    """The path a problem names: relative to the layer's label, with any byte of a file name
    that is not UTF-8 shown as ``\\xff`` (so messages and JSON say the same)."""
    try:
        text = str(Path(label) / path.relative_to(root))
    except ValueError:
        text = str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_keyed(layer: _Layer, name: str, cls: type[Any], problems: list[Problem], label: str) -> dict[str, Any]:
    path = layer.root / name
    if not path.exists():
        return {}
    rel = _rel(path, layer.root, label)
    got = _read_toml(path, rel, problems)
    if got is None:
        return {}
    data, text = got
    layer.texts[rel] = text
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(value, dict):
            problems.append(Problem(rel, _line_of(text, [key]), key, f"expected a [{key}] table"))
            continue
        if value and all(isinstance(v, dict) for v in value.values()) and "name" not in value:
            inner = next(iter(value))
            problems.append(
                Problem(
                    rel,
                    _line_of(text, [key]),
                    key,
                    f'a table name with a dot must be quoted: write ["{key}.{inner}"], not [{key}.{inner}]',
                )
            )
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", key):
            problems.append(
                Problem(rel, _line_of(text, [key]), key, "ids are lower-case letters, digits, '.', '_' and '-'")
            )
            continue
        try:
            out[key] = validate_record(cls, {**value, "id": key})
        except ValidationError as exc:
            problems.extend(_validation_problems(exc, rel, text, [key]))
    return out


def _read_layer(root: Path, label: str, problems: list[Problem]) -> _Layer:
    layer = _Layer(root)
    if not root.exists():
        problems.append(Problem(str(root), None, None, "catalogue directory does not exist"))
        return layer
    if not root.is_dir():
        problems.append(
            Problem(
                str(root),
                None,
                None,
                "is a file; a catalogue is a directory (models/, hosts/, licenses.toml, gpus.toml)",
            )
        )
        return layer
    layer.labs = _read_keyed(layer, "labs.toml", Lab, problems, label)
    layer.licenses = _read_keyed(layer, "licenses.toml", License, problems, label)
    layer.gpus = _read_keyed(layer, "gpus.toml", Gpu, problems, label)

    hosts_dir = root / "hosts"
    if hosts_dir.is_dir():
        for path in sorted(hosts_dir.glob("*.toml")):
            rel = _rel(path, root, label)
            bad = _bad_name(path.stem, "file name")
            if bad:
                problems.append(Problem(rel, None, None, bad))
                continue
            got = _read_toml(path, rel, problems)
            if got is None:
                continue
            data, text = got
            try:
                host = validate_record(Host, {**data, "id": path.stem})
            except ValidationError as exc:
                problems.extend(_validation_problems(exc, rel, text))
                continue
            layer.hosts[host.id] = host

    models_dir = root / "models"
    if models_dir.is_dir():
        for path in sorted(models_dir.glob("*/*.toml")):
            rel = _rel(path, root, label)
            bad = _bad_name(path.stem, "file name") or _bad_name(path.parent.name, "folder name")
            if bad:
                problems.append(Problem(rel, None, None, bad))
                continue
            got = _read_toml(path, rel, problems)
            if got is None:
                continue
            data, text = got
            for key in ("id", "lab"):
                if key in data:
                    problems.append(
                        Problem(
                            rel,
                            _line_of(text, [key]),
                            key,
                            f"the {key} comes from the file's {'name' if key == 'id' else 'folder'}; remove this key",
                        )
                    )
            data = {k: v for k, v in data.items() if k not in ("id", "lab")}
            try:
                model = validate_record(Model, {**data, "id": path.stem, "lab": path.parent.name})
            except ValidationError as exc:
                problems.extend(_validation_problems(exc, rel, text))
                layer.invalid[rel] = data
                layer.texts[rel] = text
                continue
            if model.id in layer.models:
                problems.append(
                    Problem(rel, None, "id", f"model id {model.id!r} is also defined in {layer.model_files[model.id]}")
                )
                continue
            layer.models[model.id] = model
            layer.model_files[model.id] = rel
            layer.texts[rel] = text
        stray = sorted(p for p in models_dir.glob("*.toml"))
        for path in stray:
            problems.append(
                Problem(_rel(path, root, label), None, None, "model files go in models/<lab>/<model-id>.toml")
            )
    return layer


def _cross_check(cat: Catalog, model_files: dict[str, str], texts: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []

    def where(model_id: str, loc: list[str | int]) -> tuple[str, int | None]:
        rel = model_files.get(model_id, model_id)
        return rel, _line_of(texts.get(rel, ""), loc)

    owner: dict[str, str] = {m: m for m in cat.models}
    for model in cat.models.values():
        lic = cat.licenses.get(model.license)
        if lic is None:
            rel, line = where(model.id, ["license"])
            known = ", ".join(sorted(cat.licenses)) or "none"
            problems.append(
                Problem(rel, line, "license", f"license {model.license!r} is not in licenses.toml; known: {known}")
            )
        elif lic.open_weights != model.open_weights:
            rel, line = where(model.id, ["open_weights"])
            problems.append(
                Problem(
                    rel,
                    line,
                    "open_weights",
                    f"open_weights = {str(model.open_weights).lower()} but license {lic.id!r} is for {'open' if lic.open_weights else 'closed'}-weight models",
                )
            )
        for i, offering in enumerate(model.offerings):
            host = cat.hosts.get(offering.host)
            if host is None:
                rel, line = where(model.id, ["offerings", i, "host"])
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"offerings.{i}.host",
                        f"host {offering.host!r} is not in hosts/; known: {', '.join(sorted(cat.hosts))}",
                    )
                )
            elif offering.kind == "private-cloud" and not host.in_customer_account:
                rel, line = where(model.id, ["offerings", i, "kind"])
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"offerings.{i}.kind",
                        f'host {host.id!r} does not run models inside the customer\'s account; use kind = "vendor-api"',
                    )
                )
            if offering.gpu is not None and offering.gpu not in cat.gpus:
                rel, line = where(model.id, ["offerings", i, "gpu"])
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"offerings.{i}.gpu",
                        f"GPU {offering.gpu!r} is not in gpus.toml; known: {', '.join(sorted(cat.gpus))}",
                    )
                )
        succ = model.lifecycle.successor
        if succ is not None and succ not in cat.models:
            rel, line = where(model.id, ["lifecycle", "successor"])
            problems.append(
                Problem(rel, line, "lifecycle.successor", f"successor {succ!r} is not a model id in the catalogue")
            )
        for alias in model.aliases:
            if alias in owner and owner[alias] != model.id:
                rel, line = where(model.id, ["aliases"])
                clash = owner[alias]
                what = "the id of" if alias in cat.models else "already an alias of"
                problems.append(
                    Problem(
                        rel, line, "aliases", f"alias {alias!r} is {what} {clash!r} ({model_files.get(clash, clash)})"
                    )
                )
            else:
                owner[alias] = model.id
    # Names are looked up as typed, normalised and compacted ('GPT_4o' and 'gpt4o' are one
    # name): two models may not share a name in any of those forms.
    compact: dict[str, str] = {}
    for model_id in cat.models:
        compact.setdefault(compact_name(model_id), model_id)
    for model in cat.models.values():
        for alias in model.aliases:
            key = compact_name(alias)
            other = compact.get(key)
            if other is not None and other != model.id and owner.get(alias) == model.id:
                rel, line = where(model.id, ["aliases"])
                problems.append(
                    Problem(
                        rel,
                        line,
                        "aliases",
                        f"alias {alias!r} reads the same as {other!r}'s name once case and punctuation are ignored ({model_files.get(other, other)})",
                    )
                )
            else:
                compact.setdefault(key, model.id)
    return problems


def _raw_references(cat: Catalog, rel: str, data: dict[str, Any], text: str) -> list[Problem]:
    """Licence and host references of a model file that failed validation, checked anyway."""
    out = []
    lic = data.get("license")
    if isinstance(lic, str) and lic not in cat.licenses:
        out.append(
            Problem(
                rel,
                _line_of(text, ["license"]),
                "license",
                f"license {lic!r} is not in licenses.toml; known: {', '.join(sorted(cat.licenses)) or 'none'}",
            )
        )
    offerings = data.get("offerings")
    if isinstance(offerings, list):
        for i, off in enumerate(offerings):
            host = off.get("host") if isinstance(off, dict) else None
            if isinstance(host, str) and host not in cat.hosts:
                out.append(
                    Problem(
                        rel,
                        _line_of(text, ["offerings", i, "host"]),
                        f"offerings.{i}.host",
                        f"host {host!r} is not in hosts/; known: {', '.join(sorted(cat.hosts))}",
                    )
                )
    return out


def load_catalog(
    overlays: Iterable[Path | str] = (), *, builtin: bool = True, builtin_dir: Path | None = None
) -> Catalog:
    """Load the built-in catalogue and lay each overlay directory on top, in order.

    Raises ``CatalogError`` listing every problem found in every file.
    """
    problems: list[Problem] = []
    layers: list[_Layer] = []
    if builtin:
        layers.append(_read_layer(builtin_dir or paths.builtin_catalog_dir(), "catalog", problems))
    for overlay in overlays:
        path = Path(overlay)
        layers.append(_read_layer(path, str(path), problems))

    merged: dict[str, dict[str, Any]] = {k: {} for k in ("labs", "licenses", "gpus", "hosts", "models")}
    model_files: dict[str, str] = {}
    texts: dict[str, str] = {}
    for layer in layers:
        for kind in merged:
            merged[kind].update(getattr(layer, kind))
        model_files.update(layer.model_files)
        texts.update(layer.texts)
    cat = Catalog(
        labs=merged["labs"],
        licenses=merged["licenses"],
        gpus=merged["gpus"],
        hosts=merged["hosts"],
        models=dict(sorted(merged["models"].items())),
        files=model_files,
    )
    problems.extend(_cross_check(cat, model_files, texts))
    for layer in layers:
        for rel, data in layer.invalid.items():
            problems.extend(_raw_references(cat, rel, data, texts.get(rel, "")))
    if problems:
        raise CatalogError(problems)
    return cat


def validate(overlays: Iterable[Path | str] = (), *, builtin: bool = True) -> list[Problem]:
    """Every problem in the built-in catalogue plus the overlays (empty when all is well)."""
    try:
        load_catalog(overlays, builtin=builtin)
    except CatalogError as exc:
        return exc.problems
    return []
