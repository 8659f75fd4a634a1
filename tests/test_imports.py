"""The package's structure, read from its source with `ast`: layers, and no import cycle.

Every module of `tuyengiao` belongs to one layer (README, "Development"); a module
imports only from its own layer or the layers below. Every import counts, at the top of
a module or inside a function, and under `if TYPE_CHECKING:` too: a type-only import up
the layers is still a loop in the design (`workspace.py` and `rules/workspace.py` were
one, through a type). Importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`
(unless they are the importer's own packages, which ran first), so a cycle through
another package's `__init__` is a cycle.
"""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tuyengiao"

#: Lowest first. Patterns are fnmatch patterns over dotted module names.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        (
            "tuyengiao",
            "tuyengiao.errors",
            "tuyengiao.i18n",
            "tuyengiao.diagnostics",
            "tuyengiao.dates",
            "tuyengiao.fields",
            "tuyengiao.status",
            "tuyengiao.periods",
            "tuyengiao.printable",
            "tuyengiao.files",
            "tuyengiao.output",
            "tuyengiao.clitext",
            "tuyengiao.data",
            "tuyengiao.cells",
            "tuyengiao.rates",
            "tuyengiao.yamltext",
        ),
    ),
    # `obligations`: what "sent", "on time" and "stale" mean, over models and periods.
    ("models", ("tuyengiao.models", "tuyengiao.clock", "tuyengiao.obligations")),
    # The rule registry and the finding factory: reading builds its findings with them.
    ("findings", ("tuyengiao.rules", "tuyengiao.rules.registry", "tuyengiao.rules.findings")),
    # A workbook is read into the values a YAML file gives, then by the same path.
    (
        "read",
        (
            "tuyengiao.mistakes",
            "tuyengiao.read",
            "tuyengiao.read.*",
            "tuyengiao.excel",
            "tuyengiao.excel.columns",
            "tuyengiao.excel.guard",
        ),
    ),
    ("rules", ("tuyengiao.rules.*",)),
    ("settings", ("tuyengiao.guidance", "tuyengiao.config")),
    ("workspace", ("tuyengiao.workspace", "tuyengiao.parallel")),
    (
        "outputs",
        (
            "tuyengiao.schema",
            "tuyengiao.scaffold",
            "tuyengiao.report",
            "tuyengiao.report.*",
            "tuyengiao.formatters",
            "tuyengiao.formatters.*",
            "tuyengiao.plan_yaml",
            "tuyengiao.plan_patch",
            "tuyengiao.excel.write",
            "tuyengiao.excel.report",
            "tuyengiao.rollcall",
            "tuyengiao.remind",
        ),
    ),
    (
        "commands",
        ("tuyengiao.commands", "tuyengiao.commands.*", "tuyengiao.cli", "tuyengiao.__main__"),
    ),
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    """The index of the first layer (lowest first) a pattern of which names `module`."""
    for index, (_, patterns) in enumerate(LAYERS):
        if module in patterns:  # an exact name wins over a pattern of a lower layer
            return index
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(module, p) for p in patterns if "*" in p):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to the README")


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def imports(module: str) -> set[str]:
    """The package's modules `module` imports, with the packages their import runs."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    here = module if _is_package(module) else module.rpartition(".")[0]
    named: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                named.add(full if full in MODULES else base)
    found: set[str] = set()
    for name in named:
        parts = name.split(".")
        for end in range(1, len(parts) + 1):  # `a.b.c` runs `a` and `a.b` first
            prefix = ".".join(parts[:end])
            # A module's own packages ran before it: importing them is no edge.
            if prefix in MODULES and not f"{module}.".startswith(f"{prefix}."):
                found.add(prefix)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_up_the_layers(module: str) -> None:
    mine = layer_of(module)
    # `tuyengiao/__init__.py` runs before anything of the package: not an import upwards.
    above = sorted(
        f"{target} ({LAYERS[layer_of(target)][0]})"
        for target in GRAPH[module]
        if layer_of(target) > mine and target != "tuyengiao"
    )
    assert not above, f"{module} ({LAYERS[mine][0]}) imports up the layers: {above}"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


#: Loops inside report/ that came with its rewrite in progress (the `report` branch
#: owns report/): written down so that no new one comes in unseen. Each must go, and
#: this test fails when one has gone and is still listed, so the list only shrinks.
KNOWN_CYCLES: list[list[str]] = []


def test_no_import_cycle() -> None:
    # The package `tuyengiao` itself imports nothing of its own: every module runs it.
    graph = {m: {t for t in targets if t != "tuyengiao"} for m, targets in GRAPH.items()}
    found = cycles(graph)
    assert [c for c in found if c not in KNOWN_CYCLES] == [], "a new import cycle"
    assert [c for c in KNOWN_CYCLES if c not in found] == [], "gone: strike it from the list"


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_readme_shows_the_layers() -> None:
    readme = (PACKAGE.parent / "README.md").read_text("utf-8")
    section = readme.split("## Development", 1)[1].split("\n## ", 1)[0]
    for name, _ in LAYERS:
        assert f"{name}:" in section, f"README's Development section does not name {name}"
