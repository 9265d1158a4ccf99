"""The Typer app: every command, option and argument of the command line, declared here and
nowhere else.  Each command is a thin wrapper that hands its values, as typed, to the plain
function in ``cli/commands/`` that does the work; the global callback builds the run's
``AppContext``.  ``cli/_spec.py`` (generated from this module by ``scripts/update_cli_spec.py``,
kept in sync by a test) lets the fast path parse the common commands without building this app.

Every value is taken as text and checked by our own code, so bad values get our messages, and
``--help`` names each choice and unit instead of Click's types.
"""

from typing import Annotated, Any

import typer

from .. import __version__
from ..requirements import CHOICES, MODALITIES, QUANTIZATIONS, REGIMES
from .context import CATALOG_ENV, FORMATS, TODAY_ENV, AppContext

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


# ---------------------------------------------------------------------------------------------
# Completion: reads the run's catalogue (with --catalog or LLM_ADVISOR_CATALOG)
# ---------------------------------------------------------------------------------------------


def complete_model(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: model ids, aliases and families starting with what was typed, from the
    catalogue the command line names (a user catalogue's models too)."""
    import os

    from .completion import model_names

    try:
        root = ctx.find_root()
        overlay = root.params.get("catalog") or os.environ.get(CATALOG_ENV) or None
        names = model_names([overlay] if overlay else [])
    except Exception:
        return []
    return [n for n in names if n.startswith(incomplete.lower())]


def complete_choices(*choices: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete.lower())]

    return complete


def _choice(name: str) -> dict[str, Any]:
    """The metavar and completer of a choice option: ``[public|internal|confidential|regulated]``."""
    values = CHOICES.get(name) or {"format": FORMATS, "quantization": QUANTIZATIONS}[name]
    return {"metavar": "[" + "|".join(values) + "]", "autocompletion": complete_choices(*values)}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"llm-advisor {__version__}")
        raise typer.Exit()


def _params(values: dict[str, Any]) -> dict[str, Any]:
    """A wrapper's arguments for its command function: all but Typer's context."""
    return {k: v for k, v in values.items() if k != "ctx"}


@app.callback()
def _global(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            envvar=CATALOG_ENV,
            metavar="DIR",
            help="A user catalogue directory laid over the built-in one.",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar=TODAY_ENV,
            metavar="YYYY-MM-DD",
            help="Give advice, prices, life cycles and staleness as of this date [default: the system date].",
            show_default=False,
        ),
    ] = None,
    version: Annotated[  # noqa: ARG001 - handled by its callback
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    source = ctx.get_parameter_source("today")
    ctx.obj = AppContext.from_options(
        catalog, today, today_from_env=source is not None and source.name == "ENVIRONMENT"
    )


# ---------------------------------------------------------------------------------------------
# Shared options
# ---------------------------------------------------------------------------------------------

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
PlainOpt = Annotated[bool, typer.Option("--plain", help="Plain text, no colour or boxes.")]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Output format (default: table on a terminal, plain otherwise).",
        show_default=False,
        **_choice("format"),
    ),
]
ModelArg = Annotated[
    str,
    typer.Argument(
        metavar="MODEL",
        help="Model id, alias, family or a near miss.",
        show_default=False,
        autocompletion=complete_model,
    ),
]
Opt = typer.Option


# ---------------------------------------------------------------------------------------------
# list / show / compare
# ---------------------------------------------------------------------------------------------


@app.command("list")
def list_(
    ctx: typer.Context,
    open_: Annotated[bool, Opt("--open", help="Only open-weight models.")] = False,
    closed: Annotated[bool, Opt("--closed", help="Only closed models.")] = False,
    lab: Annotated[
        str | None, Opt("--lab", metavar="LAB", help="Only this lab (id, e.g. meta).", show_default=False)
    ] = None,
    family: Annotated[
        str | None, Opt("--family", metavar="FAMILY", help="Only this family (e.g. llama).", show_default=False)
    ] = None,
    min_context: Annotated[
        str | None, Opt("--min-context", metavar="TOKENS", help="At least this context, e.g. 128k.", show_default=False)
    ] = None,
    query: Annotated[
        str | None,
        Opt(
            "-q",
            "--query",
            metavar="TEXT",
            help="Text to find in id, name, aliases, lab or family.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, Opt("--all", help="Include retired models.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """List the catalogue, filtered."""
    params = _params(locals())
    from .commands import listing

    return listing.run(ctx.obj, **params)


@app.command()
def show(
    ctx: typer.Context, model: ModelArg, json_: JsonOpt = False, plain: PlainOpt = False, fmt: FormatOpt = None
) -> int:
    """Every fact about one model, with its sources and date."""
    params = _params(locals())
    from .commands import show as cmd

    return cmd.run(ctx.obj, **params)


@app.command()
def compare(
    ctx: typer.Context,
    models: Annotated[
        list[str],
        typer.Argument(
            metavar="MODEL...",
            help="Two or more model ids, aliases or families.",
            show_default=False,
            autocompletion=complete_model,
        ),
    ],
    output_share: Annotated[
        str, Opt("--output-share", metavar="SHARE", help="Share of tokens that is output (0-1), for blended prices.")
    ] = "0.25",
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """Compare models side by side on every dimension that separates open and closed models."""
    params = _params(locals())
    from .commands import compare as cmd

    return cmd.run(ctx.obj, **params)


# ---------------------------------------------------------------------------------------------
# recommend / cost
# ---------------------------------------------------------------------------------------------


@app.command()
def recommend(
    ctx: typer.Context,
    budget: Annotated[
        str | None, Opt("--budget", metavar="USD", help="All-in monthly spend, US dollars.", show_default=False)
    ] = None,
    tokens: Annotated[
        str | None,
        Opt("--tokens", metavar="TOKENS", help="Monthly tokens, input + output: 50M, 2.5B, 800k.", show_default=False),
    ] = None,
    output_share: Annotated[
        str | None,
        Opt("--output-share", metavar="SHARE", help="Share of tokens that is output, 0-1 [0.25].", show_default=False),
    ] = None,
    sensitivity: Annotated[
        str | None,
        Opt(
            "--sensitivity", help="How sensitive the data is [internal].", show_default=False, **_choice("sensitivity")
        ),
    ] = None,
    time_to_market: Annotated[
        str | None,
        Opt(
            "--time-to-market",
            help="How soon it must be in production [weeks].",
            show_default=False,
            **_choice("time_to_market"),
        ),
    ] = None,
    hosting: Annotated[
        str | None,
        Opt(
            "--hosting",
            help="The most restrictive place it may run [anywhere].",
            show_default=False,
            **_choice("hosting"),
        ),
    ] = None,
    customization: Annotated[
        str | None,
        Opt(
            "--customization",
            help="How far the model must be adapted [none].",
            show_default=False,
            **_choice("customization"),
        ),
    ] = None,
    expertise: Annotated[
        str | None,
        Opt(
            "--expertise",
            help="The team's ML and infrastructure skill [some].",
            show_default=False,
            **_choice("expertise"),
        ),
    ] = None,
    priority: Annotated[
        str | None,
        Opt(
            "--priority",
            help="What matters most once the constraints are met [balanced].",
            show_default=False,
            **_choice("priority"),
        ),
    ] = None,
    context: Annotated[
        str | None,
        Opt("--context", metavar="TOKENS", help="Minimum context window: 128k, 1M [8k].", show_default=False),
    ] = None,
    modalities: Annotated[
        str | None,
        Opt(
            "--modalities",
            metavar="[" + "|".join(MODALITIES) + "],...",
            autocompletion=complete_choices(*MODALITIES, "text,image"),
            help="Inputs needed, comma-separated [text].",
            show_default=False,
        ),
    ] = None,
    commercial: Annotated[
        bool | None, Opt("--commercial/--non-commercial", help="Commercial product [commercial].", show_default=False)
    ] = None,
    region: Annotated[
        str | None, Opt("--region", help="Where data must be processed [any].", show_default=False, **_choice("region"))
    ] = None,
    use_case: Annotated[
        str | None, Opt("--use-case", help="Main task [general].", show_default=False, **_choice("use_case"))
    ] = None,
    batch_share: Annotated[
        str | None,
        Opt(
            "--batch-share",
            metavar="SHARE",
            help="Share of tokens that can wait for a batch API, 0-1 [0].",
            show_default=False,
        ),
    ] = None,
    cache_share: Annotated[
        str | None,
        Opt(
            "--cache-share",
            metavar="SHARE",
            help="Share of input that repeats a cached prompt prefix, 0-1 [0].",
            show_default=False,
        ),
    ] = None,
    cloud: Annotated[
        str | None,
        Opt(
            "--cloud",
            help="The cloud account you have: managed services only there [any].",
            show_default=False,
            **_choice("cloud"),
        ),
    ] = None,
    compliance: Annotated[
        str | None,
        Opt(
            "--compliance",
            metavar="[" + "|".join(REGIMES) + "],...",
            autocompletion=complete_choices(*REGIMES, "hipaa,gdpr"),
            help="Regimes the data falls under, comma-separated [none].",
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        str | None,
        Opt("--profile", metavar="FILE", help="Load answers from a TOML file; flags override it.", show_default=False),
    ] = None,
    save_profile: Annotated[
        str | None,
        Opt("--save-profile", metavar="FILE", help="Write the final answers to a TOML file.", show_default=False),
    ] = None,
    policy: Annotated[
        str | None,
        Opt(
            "--policy",
            metavar="FILE",
            help="Apply a policy file (TOML) as hard constraints; each exclusion it causes names its rule.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[bool, Opt("--no-input", help="Never prompt; defaults fill what is missing.")] = False,
    top: Annotated[str, Opt("--top", metavar="N", help="Options per side (1-1000).")] = "5",
    explain: Annotated[bool, Opt("--explain", help="Also show excluded models and each option's rule trace.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """Ask about your constraints and recommend open-weight and closed models, with reasons."""
    params = _params(locals())
    from .commands import recommend as cmd

    return cmd.run(ctx.obj, **params)


@app.command()
def cost(
    ctx: typer.Context,
    model: ModelArg,
    tokens: Annotated[
        str | None,
        Opt("--tokens", metavar="TOKENS", help="Monthly tokens, input + output: 50M, 2.5B.", show_default=False),
    ] = None,
    output_share: Annotated[
        str, Opt("--output-share", metavar="SHARE", help="Share of tokens that is output, 0-1.")
    ] = "0.25",
    batch_share: Annotated[
        str, Opt("--batch-share", metavar="SHARE", help="Share of tokens sent through a batch API where sold, 0-1.")
    ] = "0",
    cache_share: Annotated[
        str,
        Opt("--cache-share", metavar="SHARE", help="Share of input read from a cached prompt prefix where sold, 0-1."),
    ] = "0",
    audio_input: Annotated[
        bool, Opt("--audio-input", help="The input is audio: price it at audio input prices where sold.")
    ] = False,
    region: Annotated[
        str, Opt("--region", help="Where data must be processed: in-region prices where stated.", **_choice("region"))
    ] = "any",
    quantization: Annotated[
        str,
        Opt(
            "--quantization",
            help="Self-hosting weight precision; native: as the weights are published.",
            **_choice("quantization"),
        ),
    ] = "native",
    gpu: Annotated[
        str | None,
        Opt(
            "--gpu",
            metavar="GPU-ID",
            help="Size for this GPU id (see catalog/gpus.toml); default: the cheapest data-centre GPU.",
            show_default=False,
        ),
    ] = None,
    context: Annotated[
        str, Opt("--context", metavar="TOKENS", help="Tokens an average request holds, prompt and output.")
    ] = "4k",
    stream_speed: Annotated[
        str, Opt("--stream-speed", metavar="TOKENS/S", help="Output tokens per second each interactive stream needs.")
    ] = "30",
    max_batch: Annotated[
        str, Opt("--max-batch", metavar="N", help="Most sequences a replica decodes at once.")
    ] = "256",
    utilisation: Annotated[
        str, Opt("--utilisation", metavar="SHARE", help="Average load as a share of peak capacity, 0-1.")
    ] = "0.5",
    amortisation_months: Annotated[
        str, Opt("--amortisation-months", metavar="MONTHS", help="Months to write owned GPUs and servers off over.")
    ] = "60",
    power_price: Annotated[
        str, Opt("--power-price", metavar="USD/KWH", help="Electricity price for owned hardware, USD per kWh.")
    ] = "0.146",
    cooling_overhead: Annotated[
        str, Opt("--cooling-overhead", metavar="PUE", help="Facility power per watt of IT power (PUE).")
    ] = "1.54",
    server_price: Annotated[
        str,
        Opt("--server-price", metavar="USD", help="A server for 8 GPUs without them, where the catalogue has none."),
    ] = "60000",
    server_power: Annotated[
        str,
        Opt("--server-power", metavar="WATTS", help="A server's draw besides its GPUs, where the catalogue has none."),
    ] = "3000",
    kv_bytes: Annotated[
        str, Opt("--kv-bytes", metavar="BYTES", help="Bytes per KV-cache element (2 = 16-bit, 1 = FP8).")
    ] = "2.0",
    max_gpus: Annotated[str, Opt("--max-gpus", metavar="N", help="Most GPUs one replica may span.")] = "32",
    fte_cost: Annotated[
        str, Opt("--fte-cost", metavar="USD/YEAR", help="Yearly cost of an engineer who runs it, all in.")
    ] = "190000",
    ops_fte: Annotated[
        str, Opt("--ops-fte", metavar="FTE", help="Share of an engineer a self-hosted deployment takes (strong team).")
    ] = "0.25",
    expertise: Annotated[
        str, Opt("--expertise", help="The team's skill; scales the operations time.", **_choice("expertise"))
    ] = "some",
    no_staff: Annotated[bool, Opt("--no-staff", help="Leave people's time out of self-hosting costs.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """Monthly cost of every way to run a model, GPU sizing and the break-even volume."""
    params = _params(locals())
    from .commands import cost as cmd

    return cmd.run(ctx.obj, **params)


@app.command()
def check(
    ctx: typer.Context,
    models: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[MODEL[@HOST]]...",
            help="Models to check (id or alias), each optionally with the host that serves it.",
            show_default=False,
            autocompletion=complete_model,
        ),
    ] = None,
    policy: Annotated[
        str, Opt("--policy", metavar="FILE", help="The policy file (TOML) to check against.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    from_file: Annotated[
        str | None,
        Opt(
            "--from-file",
            metavar="FILE",
            help="Also check the models listed in FILE, one MODEL[@HOST] a line, # comments ('-': stdin).",
            show_default=False,
        ),
    ] = None,
    sensitivity: Annotated[
        str | None,
        Opt(
            "--sensitivity",
            help="The data the models will see, for the policy's hosts by sensitivity.",
            show_default=False,
            **_choice("sensitivity"),
        ),
    ] = None,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """Check models against a policy file: each violation with its rule and source; exit 1 if any."""
    params = _params(locals())
    from .commands import check as cmd

    return cmd.run(ctx.obj, **params)


# ---------------------------------------------------------------------------------------------
# catalog validate / schema / new / audit
# ---------------------------------------------------------------------------------------------


@catalog_app.command("validate")
def catalog_validate(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(
            metavar="[DIR|POLICY-FILE]",
            help="A user catalogue to check on top of the built-in one (default: the built-in one), or a policy file.",
            show_default=False,
        ),
    ] = None,
    policy: Annotated[
        str | None,
        Opt("--policy", metavar="FILE", help="Also check this policy file against the catalogue.", show_default=False),
    ] = None,
    json_: JsonOpt = False,
) -> int:
    """Validate a catalogue directory (or a policy file) and report every problem with file, line and field."""
    params = _params(locals())
    from .commands import catalog

    return catalog.validate(ctx.obj, **params)


@catalog_app.command("schema")
def catalog_schema(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="[model|host|licenses|gpus|labs|policy]",
            help="One file kind (default: all, keyed by kind).",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Print the JSON Schema of the catalogue files, for editors."""
    params = _params(locals())
    from .commands import catalog

    return catalog.schema(ctx.obj, **params)


@catalog_app.command("new")
def catalog_new(
    ctx: typer.Context,
    model_id: Annotated[
        str, typer.Argument(metavar="MODEL-ID", help="Id of the new model (becomes the file name).", show_default=False)
    ],
    lab: Annotated[
        str, Opt("--lab", metavar="LAB", help="Lab id (the folder), e.g. your company.", show_default=False)
    ],
    directory: Annotated[str, Opt("--dir", metavar="DIR", help="Catalogue directory to write into.")] = ".",
    force: Annotated[bool, Opt("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write a commented template for a model of your own (e.g. an in-house fine-tune)."""
    params = _params(locals())
    from .commands import catalog

    return catalog.new(ctx.obj, **params)


@catalog_app.command("audit")
def catalog_audit(
    ctx: typer.Context,
    refresh: Annotated[
        bool, Opt("--refresh", help="First fetch genai-prices' latest data (needs the network).")
    ] = False,
    write: Annotated[
        str | None,
        Opt(
            "--write",
            metavar="DIR",
            help="Write changed prices as a user catalogue overlay in DIR.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, Opt("--all", help="List every checked offering, not only differences.")] = False,
    missing: Annotated[
        bool,
        Opt(
            "--missing", help="Instead list the models genai-prices prices at the labs' APIs that the catalogue lacks."
        ),
    ] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> int:
    """Compare every API price in the catalogue with the genai-prices snapshot."""
    params = _params(locals())
    from .commands import catalog

    return catalog.audit(ctx.obj, **params)
