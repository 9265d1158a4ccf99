"""The architecture holds: imports point down the layers, the core is pure, and each outside
library is imported where it belongs.

    cli  ->  render  ->  core  ->  catalog, prices  ->  records, requirements, results, policy, base, errors, units, atomic
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "llm_advisor"
LAYERS = {
    "types": 0,
    "catalog": 1,
    "prices": 1,
    "core": 2,
    "render": 3,
    "cli": 4,
    "__init__": 5,
}
TYPES = {"base", "errors", "units", "atomic", "records", "requirements", "results", "policy"}


def _layer(module: str) -> str:
    """'llm_advisor.core.costs' -> 'core'; the bottom modules -> 'types'."""
    parts = module.split(".")[1:]
    if not parts:
        return "__init__"
    return "types" if parts[0] in TYPES else parts[0]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("")
        parts = ["llm_advisor", *rel.parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(module: str, path: Path, *, top_level_only: bool = False) -> list[tuple[str, int]]:
    """(imported llm_advisor module or outside package, line) for every import in a module;
    relative imports are resolved, ``from x import name`` counts as x.name when that is a module."""
    tree = ast.parse(path.read_text())
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = []
    for node in nodes:
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            out.append((target, node.lineno))
            for alias in node.names:
                out.append((f"{target}.{alias.name}", node.lineno))
    return out


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    mine = LAYERS[_layer(module)]
    for target, line in _imports(module, MODULES[module]):
        if target in MODULES and target != "llm_advisor":
            theirs = LAYERS[_layer(target)]
            assert theirs <= mine, (
                f"{MODULES[module].relative_to(SRC)}:{line} imports {target} (layer {_layer(target)} above {_layer(module)})"
            )


def test_no_import_cycles():
    """Module-level imports form no cycle (imports inside functions may point back up a
    package, as lazy ones do)."""
    graph = {
        m: {t for t, _ in _imports(m, p, top_level_only=True) if t in MODULES and t != m} for m, p in MODULES.items()
    }
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1 and not m.startswith(t + "."):  # a package importing its own submodule is fine
                raise AssertionError(" -> ".join([*trail, m, t]))
            if t not in state:
                visit(t, [*trail, m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


PURE = [m for m in MODULES if _layer(m) == "core"] + [
    "llm_advisor.records",
    "llm_advisor.requirements",
    "llm_advisor.results",
    "llm_advisor.units",
    "llm_advisor.base",
]
IMPURE = {
    "os",
    "sys",
    "subprocess",
    "pathlib",
    "io",
    "tempfile",
    "shutil",
    "socket",
    "tomllib",
    "time",
    "rich",
    "typer",
    "click",
    "pydantic",
}


@pytest.mark.parametrize("module", sorted(PURE))
def test_the_core_and_the_types_are_pure(module):
    """No I/O, environment, clock, UI or validation library: pure functions over typed data."""
    path = MODULES[module]
    for target, line in _imports(module, path):
        assert target.split(".")[0] not in IMPURE, f"{path.relative_to(SRC)}:{line} imports {target}"
    text = path.read_text()
    for needle in ("open(", "os.environ", "getenv", "input(", "print("):
        assert needle not in text, f"{path.relative_to(SRC)} uses {needle}"


@pytest.mark.parametrize(
    "package,allowed",
    [
        ("rich", {"render"}),
        ("typer", {"cli"}),
        ("click", {"cli"}),
        ("pydantic", {"catalog"}),
        ("genai_prices", {"prices"}),
    ],
)
def test_each_outside_library_is_imported_where_it_belongs(package, allowed):
    for module, path in MODULES.items():
        for target, line in _imports(module, path):
            if target.split(".")[0] == package:
                assert _layer(module) in allowed, f"{path.relative_to(SRC)}:{line} imports {target}"


def _imported_by(args: list[str]) -> set[str]:
    code = (
        "import sys; from llm_advisor.cli import main; "
        f"rc = main({args!r}); "
        "sys.stderr.write(repr(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return set(eval(r.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "llama", "claude", "--json"],
        ["show", "gpt-4o", "--json"],
        ["list", "--json"],
        ["cost", "llama-3.3-70b", "--tokens", "50M", "--json"],
        ["recommend", "--budget", "2000", "--tokens", "50M", "--no-input", "--json"],
    ],
)
def test_a_warm_json_run_imports_only_what_it_needs(args):
    """The fast path: no Typer, no pydantic (the catalogue comes from the cache as plain
    records), no Rich, no TOML parser."""
    _imported_by(args)  # warm the cache
    loaded = _imported_by(args)
    assert not loaded & {"typer", "pydantic", "pydantic_core", "rich", "tomllib", "click"}, sorted(
        loaded & {"typer", "pydantic", "rich", "tomllib"}
    )


def test_version_imports_nothing_of_ours_but_the_package():
    loaded = _imported_by(["--version"])
    assert not loaded & {"typer", "pydantic", "rich", "dataclasses"}


def test_library_api():
    import datetime as dt

    from llm_advisor import Requirements, load_catalog, recommend

    advice = recommend(load_catalog(), Requirements(budget=2000, tokens=50_000_000), today=dt.date(2026, 11, 23))
    assert advice.verdict in ("open", "closed", "hybrid")
