"""Catalogue records as JSON data: the contract's "model record"."""

from __future__ import annotations

from typing import Any

from ..base import json_data
from ..records import Model, Offering
from .catalog import Catalog

__all__ = ["json_data", "model_record", "offerings_of"]


SELF_HOSTED = Offering(host="self", kind="self-hosted", note="download the weights and run them on your own GPUs")
"""The way every open-weight model can run, listed when its file names no self-hosted offering."""


def offerings_of(model: Model) -> list[dict[str, Any]]:
    """The model's offerings, plus the self-hosted way every open-weight model has."""
    offerings = list(model.offerings)
    if model.open_weights and not any(o.kind == "self-hosted" for o in offerings):
        offerings.append(SELF_HOSTED)
    rows: list[dict[str, Any]] = json_data(offerings)
    return rows


def model_record(cat: Catalog, model: Model) -> dict[str, Any]:
    """The contract's model record: every fact, licence expanded, offerings complete."""
    data: dict[str, Any] = json_data(model)
    lic = cat.licenses.get(model.license)
    data["license"] = (
        {"id": model.license, "name": model.license, "commercial_use": None} if lic is None else json_data(lic)
    )
    data["lab_name"] = cat.lab_name(model.lab)
    data["offerings"] = offerings_of(model)
    return data
