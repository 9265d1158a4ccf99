"""`llm-advisor catalog validate|schema|new|audit`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...errors import CatalogError, UsageError
from ..context import AppContext

SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")


def validate(app: AppContext, *, directory: str | None, json_: bool, policy: str | None = None) -> int:
    """Every problem of a catalogue (the built-in one plus the overlays), or a one-line summary;
    a policy file (given as the path, or with --policy) is checked against that catalogue."""
    from ...catalog import load_catalog

    out = app.use_output(json_, False, None)
    if directory is not None and policy is None and not Path(directory).is_dir() and Path(directory).exists():
        directory, policy = None, directory  # a file: a policy against the run's catalogue
    overlays = [Path(directory)] if directory else app.overlays
    try:
        cat = load_catalog(overlays)
    except CatalogError as exc:
        if json_:
            out.json({"valid": False, "problems": [p.__dict__ for p in exc.problems]})
        for p in exc.problems:
            out.say(str(p))
        out.say(f"{len(exc.problems)} problem(s) found")
        return 3
    if policy is not None:
        return _validate_policy(app, Path(policy), cat, json_)
    if json_:
        out.json(
            {
                "valid": True,
                "problems": [],
                "models": len(cat.models),
                "hosts": len(cat.hosts),
                "licenses": len(cat.licenses),
                "gpus": len(cat.gpus),
            }
        )
    else:
        out.out.write(
            f"catalogue OK: {len(cat.models)} models, {len(cat.hosts)} hosts, {len(cat.licenses)} licences, {len(cat.gpus)} GPUs\n"
        )
    return 0


def _validate_policy(app: AppContext, path: Path, cat: Any, json_: bool) -> int:
    """Every problem of a policy file (exit 2), or a summary of its rules."""
    from ...base import json_data
    from ..files import policy_problems

    out = app.out
    rules, problems = policy_problems(path, cat)
    if rules is None:
        if json_:
            out.json({"valid": False, "policy": str(path), "problems": [p.__dict__ for p in problems]})
        for p in problems:
            out.say(str(p))
        out.say(f"{len(problems)} problem(s) found in {path}")
        return 2
    keys = rules.rules()
    if json_:
        data = json_data(rules)
        out.json({"valid": True, "policy": str(path), "problems": [], "rules": {k: data[k] for k in keys}})
    else:
        out.out.write(
            f"policy OK: {path}, {len(keys)} rule{'s' if len(keys) != 1 else ''} ({', '.join(keys) or 'none'})\n"
        )
    return 0


def schema(app: AppContext, *, kind: str | None) -> int:
    """The JSON Schema of the catalogue files, all keyed by kind or one."""
    import json

    from ...catalog.schema import SCHEMA_KINDS, catalog_schemas

    schemas = catalog_schemas()
    if kind is None:
        doc: dict[str, Any] = {"schema_version": 1, **schemas}
    elif kind in SCHEMA_KINDS:
        doc = schemas[kind]
    else:
        raise UsageError(f"catalog schema takes one of {', '.join(SCHEMA_KINDS)} (got {kind!r})")
    app.out.out.write(json.dumps(doc, indent=2, sort_keys=False) + "\n")
    return 0


def new(app: AppContext, *, model_id: str, lab: str, directory: str, force: bool) -> int:
    """A commented template for a model of your own (e.g. an in-house fine-tune)."""
    from ...atomic import create_new, write_atomic
    from ...catalog import builtin_catalog_dir, load_catalog
    from ..files import MODEL_TEMPLATE

    for flag_name, value in (("MODEL-ID", model_id), ("--lab", lab)):
        if not SLUG.fullmatch(value):
            raise UsageError(f"{flag_name} {value!r}: use lower-case letters, digits, '.', '_' and '-'")
    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UsageError(f"--dir {root}: is a file; give a directory")
    path = root / "models" / lab / f"{model_id}.toml"
    elsewhere = sorted(p for p in (root / "models").glob(f"*/{model_id}.toml") if p != path)
    if elsewhere:
        raise UsageError(f"model {model_id!r} already has a file in this catalogue: {elsewhere[0]}")
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: not a regular file; remove it or choose another id")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    try:
        known = load_catalog()
    except CatalogError:
        known = None
    if known is not None and not force:
        hit = known.named(model_id)
        if hit == model_id:
            raise UsageError(
                f"{model_id!r} is a model of the built-in catalogue; pick another id, or pass --force to shadow it"
            )
        if hit is not None:
            raise UsageError(f"{model_id!r} reads as the built-in {hit!r} (its id or an alias); pick another id")
    licences = ", ".join(sorted(known.licenses)) if known else "see " + str(builtin_catalog_dir() / "licenses.toml")
    text = MODEL_TEMPLATE.format(today=app.today, root=root, model_id=model_id, lab=lab, licences=licences)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if force and path.exists():
            write_atomic(path, text)
        else:
            create_new(path, text)
    except FileExistsError:
        raise UsageError(f"{path} exists (written a moment ago by another run); pass --force to overwrite it") from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    app.out.out.write(f"wrote {path}: fill in the TODO lines, then run 'llm-advisor catalog validate {root}'\n")
    return 0


def audit(
    app: AppContext,
    *,
    refresh: bool,
    write: str | None,
    all_: bool,
    missing: bool,
    json_: bool,
    plain: bool,
    fmt: str | None,
) -> int:
    """Every API price in the catalogue against the genai-prices snapshot, on its own day; or,
    with ``missing``, the models genai-prices prices at the labs' APIs that the catalogue lacks."""
    from ... import prices
    from ...base import json_data
    from ...core.audit import audit_prices, missing_models, updated_models

    out = app.use_output(json_, plain, fmt)
    cat = app.catalog()
    prices.require()
    if missing:
        if write is not None:
            raise UsageError("--missing lists models and writes nothing: drop --write")
        lacking = missing_models(cat, prices.resolve, prices.models_of)
        snapshot = prices.snapshot_version()
        if out.mode == "json":
            out.json({"today": str(app.today), "snapshot": snapshot, "missing": lacking})
            return 0
        rows = [[m["provider"], m["model"], m["name"]] for m in lacking]
        out.table(
            f"Models {snapshot} prices at the labs' own APIs that the catalogue lacks",
            ["provider", "model", "name"],
            rows,
        )
        out.line(f"{len(lacking)} models not in the catalogue")
        return 0
    refreshed = False
    if refresh:
        refreshed, message = prices.refresh()
        out.say(message)
    today = app.today
    checks = audit_prices(cat, prices.lookup, today)
    snapshot = prices.snapshot_version() + (" (refreshed)" if refreshed else "")
    counts = {k: sum(1 for c in checks if c.status == k) for k in ("same", "changed", "missing", "unchecked")}
    written: list[str] = []
    if write is not None:
        from ..files import write_overlay

        written = write_overlay(Path(write), cat, updated_models(cat, checks, prices.lookup, today, snapshot), today)
    shown = checks if all_ else [c for c in checks if c.status in ("changed", "missing")]
    if out.mode == "json":
        out.json(
            {
                "today": str(today),
                "snapshot": snapshot,
                "refreshed": refreshed,
                "checked_on": str(today),
                "counts": counts,
                "checks": json_data(shown),
                "written": written,
            }
        )
        return 0
    from ...render.audit import render_audit

    render_audit(out, shown, counts, snapshot, today)
    for path in written:
        out.line(f"wrote {path}")
    if written:
        out.line(f"apply with: llm-advisor --catalog {write} ...")
    return 0
