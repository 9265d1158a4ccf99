"""`recommend` and `cost`: the commands that take requirements and volumes."""

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .cli import STATE, FormatOpt, JsonOpt, PlainOpt, _output, _resolve, app, complete_choices, complete_model
from .errors import UsageError

Opt = typer.Option


def _can_prompt() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@app.command()
def recommend(
    budget: Annotated[Optional[str], Opt("--budget", help="All-in monthly spend, USD.", show_default=False)] = None,
    tokens: Annotated[Optional[str], Opt("--tokens", help="Monthly tokens, input + output: 50M, 2.5B, 800k.", show_default=False)] = None,
    output_share: Annotated[Optional[str], Opt("--output-share", help="Share of tokens that is output, 0-1 [0.25].", show_default=False)] = None,
    sensitivity: Annotated[Optional[str], Opt("--sensitivity", autocompletion=complete_choices("public", "internal", "confidential", "regulated"), help="public, internal, confidential, regulated [internal].", show_default=False)] = None,
    time_to_market: Annotated[Optional[str], Opt("--time-to-market", autocompletion=complete_choices("days", "weeks", "months"), help="days, weeks, months [weeks].", show_default=False)] = None,
    hosting: Annotated[Optional[str], Opt("--hosting", autocompletion=complete_choices("anywhere", "private-cloud", "self-hosted", "on-prem", "air-gapped"), help="anywhere, private-cloud, self-hosted, on-prem, air-gapped [anywhere].", show_default=False)] = None,
    customization: Annotated[Optional[str], Opt("--customization", autocompletion=complete_choices("none", "fine-tuning", "full-control"), help="none, fine-tuning, full-control [none].", show_default=False)] = None,
    expertise: Annotated[Optional[str], Opt("--expertise", autocompletion=complete_choices("none", "some", "strong"), help="none, some, strong [some].", show_default=False)] = None,
    priority: Annotated[Optional[str], Opt("--priority", autocompletion=complete_choices("quality", "balanced", "cost"), help="quality, balanced, cost [balanced].", show_default=False)] = None,
    context: Annotated[Optional[str], Opt("--context", help="Minimum context window: 128k, 1M [8k].", show_default=False)] = None,
    modalities: Annotated[Optional[str], Opt("--modalities", autocompletion=complete_choices("text", "image", "audio", "video", "text,image"), help="Inputs needed, comma-separated: text,image,audio,video [text].", show_default=False)] = None,
    commercial: Annotated[Optional[bool], Opt("--commercial/--non-commercial", help="Commercial product [commercial].", show_default=False)] = None,
    region: Annotated[Optional[str], Opt("--region", autocompletion=complete_choices("any", "eu", "us"), help="any, eu, us [any].", show_default=False)] = None,
    use_case: Annotated[Optional[str], Opt("--use-case", autocompletion=complete_choices("general", "chat", "coding", "rag", "agents", "summarization", "extraction"), help="general, chat, coding, rag, agents, summarization, extraction [general].", show_default=False)] = None,
    profile: Annotated[Optional[Path], Opt("--profile", help="Load answers from a TOML file; flags override it.", show_default=False)] = None,
    save_profile: Annotated[Optional[Path], Opt("--save-profile", help="Write the final answers to a TOML file.", show_default=False)] = None,
    no_input: Annotated[bool, Opt("--no-input", help="Never prompt; defaults fill what is missing.")] = False,
    top: Annotated[int, Opt("--top", help="Options per side.")] = 5,
    explain: Annotated[bool, Opt("--explain", help="Also show excluded models and each option's rule trace.")] = False,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Ask about your constraints and recommend open-weight and closed models, with reasons."""
    from .requirements import build, defaulted, load_profile, parse_value
    from .requirements import save_profile as write_profile

    out = _output(json_, plain, fmt)
    if top < 1 or top > 1000:
        raise UsageError(f"--top must be from 1 to 1000 (got {top})")
    answers: dict[str, Any] = load_profile(profile) if profile is not None else {}
    given = {
        "budget": budget,
        "tokens": tokens,
        "output_share": output_share,
        "sensitivity": sensitivity,
        "time_to_market": time_to_market,
        "hosting": hosting,
        "customization": customization,
        "expertise": expertise,
        "priority": priority,
        "context": context,
        "modalities": modalities,
        "commercial": commercial,
        "region": region,
        "use_case": use_case,
    }
    for name, value in given.items():
        if value is not None:
            answers[name] = parse_value(name, value)
    if save_profile is not None:
        folder = save_profile.parent if str(save_profile.parent) else Path(".")
        if not folder.is_dir():
            raise UsageError(f"--save-profile {save_profile}: folder {folder} does not exist")
    cat = STATE.dated()  # fail on a bad catalogue before asking anything
    if not no_input and _can_prompt():
        from .interview import ask

        try:
            answers = ask(answers, read=sys.stdin.readline, err=sys.stderr)
        except EOFError:
            raise UsageError("input ended before every question was answered; pass the answers as flags or --profile") from None
        except KeyboardInterrupt:
            sys.stderr.write("\ninterrupted: nothing was saved\n")
            raise typer.Exit(130) from None
    assumed = defaulted(answers)
    req = build(answers)
    if save_profile is not None:
        write_profile(req, save_profile)
        sys.stderr.write(f"saved answers to {save_profile}\n")

    from .recommender import recommend as run

    advice = run(cat, req, today=STATE.today, top=top)
    assumptions = assumed + advice.assumptions
    if out.mode == "json":
        doc = advice.model_dump(mode="json")
        doc["requirements"]["modalities"] = list(req.modalities)
        doc["assumptions"] = assumptions
        if not explain:
            for side in ("open", "closed"):
                for rec in doc[side]:
                    rec.pop("trace", None)
        out.json(doc)
    else:
        from .render_recommend import render_advice

        render_advice(out, advice, cat, assumptions, explain=explain)
    if advice.verdict == "none":
        sys.stderr.write(f"{advice.summary}\n")
        raise typer.Exit(1)


@app.command()
def cost(
    model: Annotated[str, typer.Argument(help="Model id, alias or family.", show_default=False, autocompletion=complete_model)],
    tokens: Annotated[Optional[str], Opt("--tokens", help="Monthly tokens, input + output: 50M, 2.5B.", show_default=False)] = None,
    output_share: Annotated[float, Opt("--output-share", help="Share of tokens that is output, 0-1.")] = 0.25,
    quantization: Annotated[str, Opt("--quantization", autocompletion=complete_choices("fp16", "fp8", "int8", "int4"), help="Self-hosting weight precision: fp16, fp8, int8, int4.")] = "fp16",
    gpu: Annotated[Optional[str], Opt("--gpu", help="Size for this GPU id (see catalog/gpus.toml); default: the cheapest that fits.", show_default=False)] = None,
    context: Annotated[str, Opt("--context", help="Context per concurrent sequence for the KV cache.")] = "8k",
    concurrency: Annotated[int, Opt("--concurrency", help="Sequences decoded at once per replica.")] = 8,
    utilisation: Annotated[float, Opt("--utilisation", help="Average load as a share of peak capacity.")] = 0.5,
    amortisation_months: Annotated[int, Opt("--amortisation-months", help="Months to write owned GPUs off over.")] = 36,
    power_price: Annotated[float, Opt("--power-price", help="USD per kWh for owned hardware.")] = 0.15,
    cooling_overhead: Annotated[float, Opt("--cooling-overhead", help="Facility power per watt of GPU power (PUE).")] = 1.4,
    runtime_overhead: Annotated[float, Opt("--runtime-overhead", help="Memory factor over weights + KV cache.")] = 1.2,
    bandwidth_utilisation: Annotated[float, Opt("--bandwidth-utilisation", help="Share of peak memory bandwidth decode achieves.")] = 0.6,
    compute_utilisation: Annotated[float, Opt("--compute-utilisation", help="Share of peak FP16 compute prefill achieves.")] = 0.4,
    kv_bytes: Annotated[float, Opt("--kv-bytes", help="Bytes per KV-cache element (2 = FP16, 1 = FP8).")] = 2.0,
    max_gpus: Annotated[int, Opt("--max-gpus", help="Most GPUs one replica may span.")] = 8,
    json_: JsonOpt = False,
    plain: PlainOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """Monthly cost of every way to run a model, GPU sizing and the break-even volume."""
    from pydantic import ValidationError

    from .costs import BYTES_PER_PARAM, CostAssumptions
    from .units import parse_count

    out = _output(json_, plain, fmt)
    if tokens is None:
        raise UsageError("missing --tokens: pass the monthly volume, e.g. --tokens 50M")
    try:
        n_tokens = parse_count(tokens, "--tokens")
        ctx = parse_count(context, "--context")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not 0 <= output_share <= 1:
        raise UsageError(f"--output-share must be from 0 to 1 (got {output_share})")
    if quantization not in BYTES_PER_PARAM:
        raise UsageError(f"--quantization must be one of {', '.join(BYTES_PER_PARAM)} (got {quantization!r})")
    try:
        a = CostAssumptions(
            quantization=quantization,  # type: ignore[arg-type]
            context=ctx,
            concurrency=concurrency,
            utilisation=utilisation,
            amortisation_months=amortisation_months,
            power_usd_per_kwh=power_price,
            cooling_overhead=cooling_overhead,
            runtime_overhead=runtime_overhead,
            memory_bandwidth_utilisation=bandwidth_utilisation,
            compute_utilisation=compute_utilisation,
            kv_bytes=kv_bytes,
            max_gpus_per_replica=max_gpus,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        flag = {"context": "--context", "concurrency": "--concurrency", "utilisation": "--utilisation", "amortisation_months": "--amortisation-months", "power_usd_per_kwh": "--power-price", "cooling_overhead": "--cooling-overhead", "runtime_overhead": "--runtime-overhead", "memory_bandwidth_utilisation": "--bandwidth-utilisation", "compute_utilisation": "--compute-utilisation", "kv_bytes": "--kv-bytes", "max_gpus_per_replica": "--max-gpus"}.get(str(err["loc"][0]), str(err["loc"][0]))
        raise UsageError(f"{flag} {err['msg'].lower()} (got {err.get('input')!r})") from None
    cat = STATE.dated()
    res = _resolve(cat, model, out)
    gpus = sorted(cat.gpus.values(), key=lambda g: g.id)
    if gpu is not None:
        if gpu not in cat.gpus:
            raise UsageError(f"--gpu {gpu!r} is not in the catalogue; known: {', '.join(sorted(cat.gpus))}")
        gpus = [cat.gpus[gpu]]
    from .cost_report import cost_report

    report = cost_report(res.model, cat, gpus, n_tokens, output_share, a, today=STATE.today)
    if out.mode == "json":
        out.json(report)
        return
    from .render_recommend import render_cost

    render_cost(out, report, cat)
