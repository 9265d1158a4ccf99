"""llm-advisor: explained advice on open-weight versus closed LLMs, as a library.

    import datetime as dt
    from llm_advisor import Requirements, load_catalog, recommend

    advice = recommend(load_catalog(), Requirements(budget=2000, tokens=50_000_000), today=dt.date(2026, 12, 1))
    print(advice.verdict, advice.summary)

Every name below is imported when first used, so ``import llm_advisor`` costs nothing; the
functions are pure (the day is an argument, nothing reads the clock) and return typed records
(frozen dataclasses; ``to_json`` gives the command line's JSON).  See docs/library.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .base import json_data as to_json
    from .catalog import Catalog, load_catalog
    from .core.compare import compare
    from .core.cost_report import cost_report
    from .core.recommend import recommend
    from .errors import (
        AdvisorError,
        CatalogError,
        InvalidAnswer,
        MissingAnswers,
        NotFoundError,
        PricesUnavailable,
        Problem,
        UsageError,
    )
    from .records import Gpu, Host, License, Model, Offering, PriceChange
    from .requirements import CostAssumptions, Requirements, Workload
    from .results import Advice, Comparison, CostReport, Deployment, Exclusion, Recommendation, Resolution, Row

_WHERE = {
    "load_catalog": "catalog",
    "Catalog": "catalog",
    "recommend": "core.recommend",
    "compare": "core.compare",
    "cost_report": "core.cost_report",
    "Requirements": "requirements",
    "Workload": "requirements",
    "CostAssumptions": "requirements",
    "Advice": "results",
    "Recommendation": "results",
    "Exclusion": "results",
    "Deployment": "results",
    "CostReport": "results",
    "Comparison": "results",
    "Row": "results",
    "Resolution": "results",
    "Model": "records",
    "Offering": "records",
    "PriceChange": "records",
    "Host": "records",
    "License": "records",
    "Gpu": "records",
    "AdvisorError": "errors",
    "UsageError": "errors",
    "InvalidAnswer": "errors",
    "MissingAnswers": "errors",
    "NotFoundError": "errors",
    "CatalogError": "errors",
    "Problem": "errors",
    "PricesUnavailable": "errors",
}
__all__ = ["__version__", "to_json", *sorted(_WHERE)]


def __getattr__(name: str) -> Any:
    import importlib

    if name == "to_json":
        from .base import json_data

        return json_data
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module 'llm_advisor' has no attribute {name!r}")
