"""The command line.  The only module that imports Typer, reads the environment or stdin,
prompts, and maps errors to exit codes: the contract's 0 ok, 1 nothing matched, 2 usage,
3 catalogue; and 74 output not writable, 130 Ctrl-C, 141 reader gone, 143 SIGTERM."""

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .errors import AdvisorError, CatalogError, NotFoundError, UsageError

app = typer.Typer(
    name="llm-advisor",
    help="Explained advice on open-weight versus closed (API) LLMs, from a sourced catalogue.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
catalog_app = typer.Typer(help="Check the catalogue and print its schema.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")

FORMATS = ("table", "plain", "json", "markdown", "csv")


class State:
    overlays: list[Path] = []
    today: dt.date = dt.date.min
    """The day every command computes for (``--today``, ``LLM_ADVISOR_TODAY`` or the system
    date), read once in the callback."""
    _catalog = None

    def dated(self):
        """The catalogue as it stands on ``today``: prices in force, life cycles then."""
        return self.catalog().on(self.today)

    def catalog(self):
        """The catalogue as written (every dated price and life cycle)."""
        if self._catalog is None:
            from .cache import load_catalog_cached

            self._catalog = load_catalog_cached(self.overlays)
            # The catalogue lives until the process exits: move it out of the collector's
            # sight, so collections during ranking do not walk every record again.
            import gc

            gc.freeze()
        return self._catalog


STATE = State()


def complete_model(incomplete: str) -> list[str]:
    """Shell completion: model ids, aliases and families starting with what was typed."""
    try:
        cat = STATE.catalog()
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []
    names = set(cat.models) | {a for m in cat.models.values() for a in m.aliases} | {m.family for m in cat.models.values()}
    return sorted(n for n in names if n.startswith(incomplete.lower()))


def complete_choices(*choices: str):
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.lower())]

    return complete


def _version(value: bool) -> None:
    if value:
        typer.echo(f"llm-advisor {__version__}")
        raise typer.Exit()


GLOBAL_OPTIONS = {"--today": "2026-12-01", "--catalog": "DIR"}
"""Options of the app itself, given before the command (with an example value for the hint)."""
TODAY_ENV = "LLM_ADVISOR_TODAY"
EARLIEST, LATEST = dt.date(1970, 1, 1), dt.date(2999, 12, 31)
"""--today must fall between these: far beyond any useful date, and room to add horizons."""


def system_date() -> dt.date:
    """The one read of the clock: the default for ``--today``."""
    return dt.date.today()


def parse_today(text: str, *, from_env: bool = False) -> dt.date:
    """A YYYY-MM-DD date, or a usage error that names where it came from and the form."""
    import re

    given = f"{TODAY_ENV}={text!r}" if from_env else f"--today {text!r}"
    raw = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"{given} is not a date: use YYYY-MM-DD, e.g. 2026-12-01") from None
    if not EARLIEST <= day <= LATEST:
        raise UsageError(f"{given} is out of range: use a date from {EARLIEST} to {LATEST}")
    return day


@app.callback()
def _main(
    ctx: typer.Context,
    catalog: Annotated[
        Optional[Path],
        typer.Option("--catalog", envvar="LLM_ADVISOR_CATALOG", help="A user catalogue directory laid over the built-in one.", show_default=False),
    ] = None,
    today: Annotated[
        Optional[str],
        typer.Option("--today", envvar=TODAY_ENV, metavar="YYYY-MM-DD", help="Give advice, prices, life cycles and staleness as of this date [default: the system date].", show_default=False),
    ] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    STATE.overlays = [catalog] if catalog else []
    STATE._catalog = None
    if today is None:
        STATE.today = system_date()
    else:
        source = ctx.get_parameter_source("today")
        STATE.today = parse_today(today, from_env=source is not None and source.name == "ENVIRONMENT")


# ---------------------------------------------------------------------------------------------
# Shared options
# ---------------------------------------------------------------------------------------------

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
PlainOpt = Annotated[bool, typer.Option("--plain", help="Plain text, no colour or boxes.")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", help="table, plain, json, markdown or csv (default: table on a terminal, plain otherwise).", show_default=False, autocompletion=complete_choices(*FORMATS))]


def _output(json_: bool, plain: bool, fmt: str | None):
    from .render import Output

    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
        if json_ and fmt != "json":
            raise UsageError(f"--json and --format {fmt} contradict each other; give one")
        return Output({"table": "rich", "plain": "plain", "json": "json", "markdown": "markdown", "csv": "csv"}[fmt])  # type: ignore[arg-type]
    if json_:
        return Output("json")
    if plain or os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return Output("plain")
    return Output("rich")


def _note(message: str) -> None:
    sys.stderr.write(f"note: {message}\n")


def _resolve(cat, query: str, out) -> Any:
    """Resolve a typed model name; a note on stderr says how; not found exits 1 (with a JSON
    error document on stdout under --json)."""
    try:
        res = cat.resolve(query)
    except NotFoundError as exc:
        if out.mode == "json":
            out.json({"error": {"code": "not_found", "query": exc.query, "message": str(exc), "suggestions": exc.suggestions}})
        raise
    if res.note:
        _note(res.note)
    return res


# ---------------------------------------------------------------------------------------------
# list / show / compare
# ---------------------------------------------------------------------------------------------


@app.command("list")
def list_(
    open_: Annotated[bool, typer.Option("--open", help="Only open-weight models.")] = False,
    closed: Annotated[bool, typer.Option("--closed", help="Only closed models.")] = False,
    lab: Annotated[Optional[str], typer.Option("--lab", help="Only this lab (id, e.g. meta).", show_default=False)] = None,
    family: Annotated[Optional[str], typer.Option("--family", help="Only this family (e.g. llama).", show_default=False)] = None,
    min_context: Annotated[Optional[str], typer.Option("--min-context", help="At least this context, e.g. 128k.", show_default=False)] = None,
    query: Annotated[Optional[str], typer.Option("-q", "--query", help="Text to find in id, name, aliases, lab or family.", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include retired models.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """List the catalogue, filtered."""
    from .units import fmt_count, parse_count

    out = _output(json_, plain, fmt)
    if open_ and closed:
        raise UsageError("--open and --closed contradict each other; give one")
    try:
        min_ctx = parse_count(min_context, "--min-context") if min_context is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    cat = STATE.dated()
    if lab is not None and lab.lower() not in {m.lab for m in cat.models.values()}:
        raise UsageError(f"--lab {lab!r} is not a lab in the catalogue; known: {', '.join(sorted({m.lab for m in cat.models.values()}))}")
    if family is not None and family.lower() not in {m.family for m in cat.models.values()}:
        raise UsageError(f"--family {family!r} is not a family in the catalogue; known: {', '.join(sorted({m.family for m in cat.models.values()}))}")
    text = (query or "").lower()
    models = [
        m
        for m in cat.models.values()
        if (not open_ or m.open_weights)
        and (not closed or not m.open_weights)
        and (lab is None or m.lab == lab.lower())
        and (family is None or m.family == family.lower())
        and (min_ctx is None or m.context >= min_ctx)
        and (all_ or query or m.lifecycle.status != "retired")
        and (not text or any(text in s.lower() for s in (m.id, m.name, m.lab, m.family, *m.aliases)))
    ]
    if out.mode == "json":
        from .catalog import model_record

        out.json({"today": str(STATE.today), "models": [model_record(cat, m) for m in models]})
        return
    from .compare import cheapest_offering

    rows = []
    for m in models:
        price, off = cheapest_offering(m, 0.25)
        rows.append(
            [
                m.id,
                m.name,
                cat.lab_name(m.lab),
                "open" if m.open_weights else "closed",
                fmt_count(m.context),
                f"{price:.2f}" if price is not None else "—",
                m.lifecycle.status if m.lifecycle.status == "active" else f"{m.lifecycle.status} {m.lifecycle.date}",
            ]
        )
    headers = ["id", "name", "lab", "weights", "context", "$/M (blended)", "status"]
    out.table(f"{len(rows)} models" if out.mode == "rich" else None, headers, rows, tsv=out.mode == "plain")
    if not rows:
        sys.stderr.write("no models match these filters\n")


@app.command()
def show(
    model: Annotated[str, typer.Argument(help="Model id, alias, family or a near miss.", show_default=False, autocompletion=complete_model)],
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Every fact about one model, with its sources and date."""
    out = _output(json_, plain, fmt)
    cat = STATE.dated()
    res = _resolve(cat, model, out)
    m = res.model
    from .catalog import model_record

    if out.mode == "json":
        record = model_record(cat, m)
        record["query"] = model
        record["resolved_by"] = res.how
        from .audit import stale_note

        record["stale"] = stale_note(m, STATE.today)
        out.json({"today": str(STATE.today), "model": record})
        return
    from .views import show_sections

    for title, rows in show_sections(cat, m, STATE.today):
        out.table(title, ["fact", "value"], rows, first_col_bold=True)


@app.command()
def compare(
    models: Annotated[list[str], typer.Argument(help="Two or more model ids, aliases or families.", show_default=False, autocompletion=complete_model)],
    output_share: Annotated[float, typer.Option("--output-share", help="Share of tokens that is output, for blended prices.")] = 0.25,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Compare models side by side on every dimension that separates open and closed models."""
    out = _output(json_, plain, fmt)
    if len(models) < 2:
        raise UsageError("compare needs at least two models, e.g. 'llm-advisor compare llama gpt-4'")
    if not 0 <= output_share <= 1:
        raise UsageError(f"--output-share must be from 0 to 1 (got {output_share})")
    cat = STATE.dated()
    resolved = [_resolve(cat, q, out) for q in models]
    from .compare import compare_rows

    chosen = [r.model for r in resolved]
    rows = compare_rows(cat, chosen, today=STATE.today, output_share=output_share)
    if out.mode == "json":
        from .catalog import model_record

        records = []
        for r in resolved:
            rec = model_record(cat, r.model)
            rec["query"] = r.query
            rec["resolved_by"] = r.how
            rec["resolution_note"] = r.note
            records.append(rec)
        out.json(
            {
                "today": str(STATE.today),
                "models": records,
                "rows": [{"group": row.group, "label": row.label, "values": row.values, "best": sorted(row.best)} for row in rows],
            }
        )
        return
    headers = [""] + [m.id for m in chosen]
    out.table(
        "Comparison" if out.mode in ("rich", "markdown") else None,
        headers,
        [[row.label, *row.values] for row in rows],
        best=[row.best for row in rows],
        first_col_bold=True,
        caption={"rich": "★ best in row", "markdown": "**Bold**: best in row."}.get(out.mode, "* best in row"),
    )
    for m in chosen:
        if m.lifecycle.status == "retired":
            succ = f"; its successor is {m.lifecycle.successor}" if m.lifecycle.successor else ""
            sys.stderr.write(f"warning: {m.id} was retired on {m.lifecycle.date}{succ}\n")


# ---------------------------------------------------------------------------------------------
# catalog validate / schema
# ---------------------------------------------------------------------------------------------


@catalog_app.command("validate")
def catalog_validate(
    directory: Annotated[Optional[Path], typer.Argument(help="A user catalogue to check on top of the built-in one (default: the built-in one).", show_default=False)] = None,
    json_: JsonOpt = False,
) -> None:
    """Validate a catalogue directory and report every problem with file, line and field."""
    from .catalog import load_catalog

    overlays = [directory] if directory else STATE.overlays
    try:
        cat = load_catalog(overlays)
    except CatalogError as exc:
        if json_:
            from .render import Output

            Output("json").json({"valid": False, "problems": [p.__dict__ for p in exc.problems]})
        for p in exc.problems:
            sys.stderr.write(f"{p}\n")
        sys.stderr.write(f"{len(exc.problems)} problem(s) found\n")
        raise typer.Exit(3) from None
    summary = f"catalogue OK: {len(cat.models)} models, {len(cat.hosts)} hosts, {len(cat.licenses)} licences, {len(cat.gpus)} GPUs"
    if json_:
        from .render import Output

        Output("json").json({"valid": True, "problems": [], "models": len(cat.models), "hosts": len(cat.hosts), "licenses": len(cat.licenses), "gpus": len(cat.gpus)})
    else:
        typer.echo(summary)


@catalog_app.command("schema")
def catalog_schema(
    kind: Annotated[Optional[str], typer.Argument(help="model, host, licenses, gpus or labs (default: all, keyed by kind).", show_default=False)] = None,
) -> None:
    """Print the JSON Schema of the catalogue files, for editors."""
    import json

    from .schema import SCHEMA_KINDS, catalog_schemas

    schemas = catalog_schemas()
    if kind is None:
        doc: dict = {"schema_version": 1, **schemas}
    elif kind in SCHEMA_KINDS:
        doc = schemas[kind]
    else:
        raise UsageError(f"catalog schema takes one of {', '.join(SCHEMA_KINDS)} (got {kind!r})")
    typer.echo(json.dumps(doc, indent=2, sort_keys=False))


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


@catalog_app.command("new")
def catalog_new(
    model_id: Annotated[str, typer.Argument(help="Id of the new model (becomes the file name).", show_default=False)],
    lab: Annotated[str, typer.Option("--lab", help="Lab id (the folder), e.g. your company.", show_default=False)],
    directory: Annotated[Path, typer.Option("--dir", help="Catalogue directory to write into.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented template for a model of your own (e.g. an in-house fine-tune)."""
    import re

    from .files import write_atomic

    for flag, value in (("MODEL-ID", model_id), ("--lab", lab)):
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value):
            raise UsageError(f"{flag} {value!r}: use lower-case letters, digits, '.', '_' and '-'")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--dir {directory}: is a file; give a directory")
    path = directory / "models" / lab / f"{model_id}.toml"
    if path.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    from .catalog import builtin_catalog_dir, load_catalog

    try:
        licences = ", ".join(sorted(load_catalog().licenses))
    except CatalogError:
        licences = "see " + str(builtin_catalog_dir() / "licenses.toml")
    text = MODEL_TEMPLATE.format(today=STATE.today, root=directory, model_id=model_id, lab=lab, licences=licences)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {path}: fill in the TODO lines, then run 'llm-advisor catalog validate {directory}'")


@catalog_app.command("audit")
def catalog_audit(
    refresh: Annotated[bool, typer.Option("--refresh", help="First fetch genai-prices' latest data (needs the network).")] = False,
    write: Annotated[Optional[Path], typer.Option("--write", help="Write changed prices as a user catalogue overlay in DIR.", show_default=False)] = None,
    all_: Annotated[bool, typer.Option("--all", help="List every checked offering, not only differences.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Compare every API price in the catalogue with the genai-prices snapshot."""
    from . import pricecheck
    from .audit import as_dicts, audit_prices, updated_models

    out = _output(json_, plain, fmt)
    cat = STATE.catalog()
    try:
        import genai_prices  # noqa: F401
    except ImportError:
        raise UsageError("catalog audit needs genai-prices: pip install 'llm-advisor[prices]'") from None
    refreshed = False
    if refresh:
        refreshed, message = pricecheck.refresh()
        sys.stderr.write(message + "\n")
    today = STATE.today
    checks = audit_prices(cat, pricecheck.lookup, today)
    snapshot = pricecheck.snapshot_version() + (" (refreshed)" if refreshed else "")
    counts = {k: sum(1 for c in checks if c.status == k) for k in ("same", "changed", "missing", "unchecked")}
    written: list[str] = []
    if write is not None:
        written = _write_overlay(write, cat, updated_models(cat, checks, pricecheck.lookup, today, snapshot), today)
    shown = checks if all_ else [c for c in checks if c.status in ("changed", "missing")]
    if out.mode == "json":
        out.json({"today": str(today), "snapshot": snapshot, "refreshed": refreshed, "checked_on": str(today), "counts": counts, "checks": as_dicts(shown), "written": written})
        return
    rows = [
        [
            c.model,
            c.host,
            c.status,
            f"{c.catalog_input:g} / {c.catalog_output:g}",
            "—" if c.source_input is None else f"{c.source_input:g} / {c.source_output:g}",
            "; ".join(f"{d.date}: {d.catalog_input:g} / {d.catalog_output:g} vs {_pair(d.source_input, d.source_output)}" for d in c.differences) or "—",
            c.catalog_as_of or "",
            c.price_ref or "—",
        ]
        for c in shown
    ]
    if rows:
        out.table(
            f"Prices against {snapshot}, in force on {today}",
            ["model", "host", "status", "catalogue in/out", "genai-prices in/out", "differs on", "catalogue as of", "price_ref"],
            rows,
        )
    out.line(f"{counts['same']} same, {counts['changed']} changed, {counts['missing']} not in {snapshot}, {counts['unchecked']} without a price_ref")
    for path in written:
        out.line(f"wrote {path}")
    if written:
        out.line(f"apply with: llm-advisor --catalog {write} ...")


def _pair(a: float | None, b: float | None) -> str:
    return "none" if a is None or b is None else f"{a:g} / {b:g}"


def _write_overlay(root: Path, cat, models: dict, today: dt.date) -> list[str]:
    """Write each model as models/<lab>/<id>.toml under root, atomically, then validate."""
    import tomli_w

    from .catalog import load_catalog
    from .files import write_atomic

    if root.exists() and not root.is_dir():
        raise UsageError(f"--write {root}: is a file; give a directory")
    written = []
    for model_id, data in sorted(models.items()):
        folder = root / "models" / cat.models[model_id].lab
        header = f"# Written by 'llm-advisor catalog audit --write' on {today}: prices from genai-prices.\n"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / f"{model_id}.toml", header + tomli_w.dumps(data))
        except OSError as exc:
            raise UsageError(f"--write {root}: cannot write: {exc.strerror or exc}") from None
        written.append(str(folder / f"{model_id}.toml"))
    if written:
        load_catalog([root])  # what we wrote must validate (raises CatalogError, exit 3, if not)
    return written


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


OUTPUT_ERROR = 74
"""Exit code when results cannot be written (standard output closed, disk full): EX_IOERR
from sysexits.h.  The contract's codes 1-3 mean something about the request, not the output."""


def _say(text: str) -> None:
    """Write to stderr, unless it is closed or broken: an error report must not fail itself."""
    if sys.stderr is None:  # started with stderr closed (`2>&-`)
        return
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except OSError:
        pass


def _error(message: str) -> None:
    _say(f"llm-advisor: error: {message}\n")


def _interrupted() -> int:
    _say("\ninterrupted\n")
    return 130


SIGPIPE_EXIT = 141
"""Exit code when the reader goes away (`| head`): 128 + SIGPIPE, what a shell reports for cat,
gh or any program the signal stops, so `set -o pipefail` scripts see the usual code."""


def _broken_pipe() -> int:
    """The reader went away: stop quietly."""
    _discard_stdout()
    return SIGPIPE_EXIT


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush of what could not be
    written neither fails again nor prints 'Exception ignored' over our exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _terminated(signum, frame) -> None:
    # `kill`, a CI timeout, systemd: unwind like Ctrl-C, so no temporary file stays behind.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every expected failure to one stderr line and the contract's exit code."""
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        previous = None
    try:
        return _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    try:  # Typer >= 0.29 vendors Click
        from typer._click import exceptions as click_exc
    except ImportError:  # pragma: no cover - older Typer depends on Click
        from click import exceptions as click_exc

    for stream in (sys.stdout, sys.stderr):
        # A terminal that is not UTF-8 gets '?' for characters it cannot show, never a crash.
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    if sys.stdout is None:  # started with stdout closed (`>&-`): results would be lost
        _error("cannot write results: standard output is closed")
        return OUTPUT_ERROR
    code = 0
    try:
        rv = app(args=argv, prog_name="llm-advisor", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
        if code == 130:  # Typer turns Ctrl-C during a command into a silent exit 130
            _interrupted()
        sys.stdout.flush()  # a full disk shows up here, while we can still say so
    except click_exc.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2
        sys.stdout.write(exc.ctx.get_help() + "\n")
        code = 0
    except click_exc.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        if isinstance(exc, click_exc.NoSuchOption) and exc.option_name in GLOBAL_OPTIONS:
            hint = f"; {exc.option_name} goes before the command, e.g. 'llm-advisor {exc.option_name} {GLOBAL_OPTIONS[exc.option_name]} {exc.ctx.info_name if exc.ctx else 'recommend'} ...'"
        _error(f"{exc.format_message()}{hint}")
        code = 2
    except (typer.Abort, KeyboardInterrupt):
        code = _interrupted()
    except AdvisorError as exc:
        _error(str(exc))
        code = exc.exit_code
    except click_exc.ClickException as exc:
        _error(exc.format_message())
        code = exc.exit_code
    except BrokenPipeError:
        code = _broken_pipe()
    except SystemExit as exc:
        # Click (inside Typer) and Rich turn a broken pipe into exit 1, which our callers read
        # as "nothing matched"; the BrokenPipeError is the context of their SystemExit.
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = _broken_pipe()
    except OSError as exc:
        # Files the user names get their own messages, so this is nearly always the output
        # (disk full, device error); an error that names a file says which.
        what = exc.filename if exc.filename else "cannot write results"
        if not exc.filename:
            _discard_stdout()
        _error(f"{what}: {exc.strerror or exc}")
        code = OUTPUT_ERROR
    return code


def run() -> None:  # pragma: no cover - console-script shim
    sys.exit(main())


from . import commands_recommend  # noqa: E402,F401  (registers `recommend` and `cost`)
