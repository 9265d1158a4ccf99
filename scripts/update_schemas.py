"""Regenerate schemas/*.schema.json from the pydantic types (a test fails when they are stale)."""

import json
from pathlib import Path

from llm_advisor.catalog.schema import catalog_schemas

out = Path(__file__).resolve().parents[1] / "schemas"
out.mkdir(exist_ok=True)
for kind, schema in catalog_schemas().items():
    (out / f"{kind}.schema.json").write_text(json.dumps(schema, indent=2) + "\n")
    print(f"wrote schemas/{kind}.schema.json")
