"""JSON Schemas of the catalogue files, generated from the record types by pydantic (for editors)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
from typing import Any

from .. import records as records_module
from ..records import Gpu, Host, Lab, License, Model

SCHEMA_KINDS = ("model", "host", "licenses", "gpus", "labs", "policy")
_DERIVED = {"id", "lab"}  # taken from the file's name and folder, not written in it


def attribute_docs() -> dict[str, dict[str, str]]:
    """Class name -> field name -> the docstring under the field, read from records.py and
    policy.py."""
    from .. import policy as policy_module

    docs: dict[str, dict[str, str]] = {}
    for module in (records_module, policy_module):
        docs.update(_module_docs(module))
    return docs


def _module_docs(module: Any) -> dict[str, dict[str, str]]:
    tree = ast.parse(inspect.getsource(module))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        body = node.body
        for a, b in itertools.pairwise(body):
            if (
                isinstance(a, ast.AnnAssign)
                and isinstance(a.target, ast.Name)
                and isinstance(b, ast.Expr)
                and isinstance(b.value, ast.Constant)
                and isinstance(b.value.value, str)
            ):
                fields[a.target.id] = inspect.cleandoc(b.value.value)
        docs[node.name] = fields
    return docs


def _describe(schema: dict[str, Any], docs: dict[str, dict[str, str]], name: str) -> None:
    """Each property's docstring as its description, and the default of a list field (pydantic
    leaves out defaults made by a ``default_factory``)."""
    from .. import policy as policy_module

    cls = getattr(records_module, name, None) or getattr(policy_module, name, None)
    factories = {f.name: f.default_factory for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
    properties = schema.get("properties", {})
    for field, prop in list(properties.items()):
        factory = factories.get(field, dataclasses.MISSING)
        if factory is not dataclasses.MISSING and "default" not in prop:
            properties[field] = prop = {"default": factory(), **prop}
        if field in docs.get(name, {}):
            prop["description"] = docs[name][field]
    for def_name, sub in schema.get("$defs", {}).items():
        _describe(sub, docs, def_name)


def _file_schema(cls: type[Any], title: str, derived: set[str]) -> dict[str, Any]:
    from .validation import adapter

    schema = adapter(cls).json_schema()
    _describe(schema, attribute_docs(), cls.__name__)
    for key in derived:
        schema.get("properties", {}).pop(key, None)
    schema["title"] = title
    return schema


def _keyed(cls: type[Any], title: str, what: str) -> dict[str, Any]:
    inner = _file_schema(cls, cls.__name__, {"id"})
    defs = inner.pop("$defs", {})
    defs[cls.__name__] = inner
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": f"One table per {what}; the table name is its id.",
        "type": "object",
        "propertyNames": {"pattern": "^[a-z0-9][a-z0-9._-]*$"},
        "additionalProperties": {"$ref": f"#/$defs/{cls.__name__}"},
        "$defs": defs,
    }


def catalog_schemas() -> dict[str, dict[str, Any]]:
    model = _file_schema(Model, "llm-advisor model file (catalog/models/<lab>/<model-id>.toml)", _DERIVED)
    host = _file_schema(Host, "llm-advisor host file (catalog/hosts/<host-id>.toml)", {"id"})
    for s in (model, host):
        s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return {
        "model": model,
        "host": host,
        "licenses": _keyed(License, "llm-advisor catalog/licenses.toml", "licence"),
        "gpus": _keyed(Gpu, "llm-advisor catalog/gpus.toml", "GPU"),
        "labs": _keyed(Lab, "llm-advisor catalog/labs.toml", "lab"),
        "policy": policy_schema(),
    }


def policy_schema() -> dict[str, Any]:
    """The JSON Schema of a policy file (``--policy FILE``)."""
    from ..policy import Policy

    schema = _file_schema(Policy, "llm-advisor policy file (policy.toml, for check and recommend --policy)", set())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
