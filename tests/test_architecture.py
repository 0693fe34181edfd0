"""The rooms' imports run one way (CONTRIBUTING.md): no import cycle among the
project's modules, no room importing a room above it, and no project import hidden
inside a function (where it would dodge a cycle instead of showing it). Read from the
source with `ast`; nothing is imported."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Each room and the rooms it may import, top to bottom.
ALLOWED = {
    "portal": {
        "publishing",
        "search",
        "opendata",
        "storyfiles",
        "curation",
        "browse",
        "findings",
        "stories",
    },
    "publishing": {"curation", "browse", "stories"},
    "search": {"findings", "stories"},
    "opendata": {"browse", "findings", "stories"},
    "storyfiles": {"curation", "browse", "findings", "stories"},
    "curation": {"findings", "stories"},
    "browse": {"findings", "stories"},
    "findings": {"stories"},
    "stories": set(),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for room in ALLOWED:
        for path in (REPO / room).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def resolve(importer: str, path: Path, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The project modules an import statement loads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = node.module or ""
        if node.level:
            base = f"{package}.{base}".strip(".")
        # `from package import module` loads the module; `from module import name`, the module.
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name not in found:
            found.append(name)
    return found


class Imports(ast.NodeVisitor):
    def __init__(self, importer: str, path: Path):
        self.importer, self.path = importer, path
        self.top: list[tuple[str, int]] = []
        self.inside_functions: list[tuple[str, int, str]] = []
        self.function: list[str] = []

    def visit_FunctionDef(self, node):
        self.function.append(node.name)
        self.generic_visit(node)
        self.function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        for target in resolve(self.importer, self.path, node):
            if self.function:
                self.inside_functions.append((target, node.lineno, self.function[-1]))
            else:
                self.top.append((target, node.lineno))

    visit_ImportFrom = visit_Import


def read_imports() -> dict[str, Imports]:
    result = {}
    for name, path in MODULES.items():
        visitor = Imports(name, path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        result[name] = visitor
    return result


IMPORTS = read_imports()


def test_the_rooms_exist_and_are_read():
    assert {name.split(".")[0] for name in MODULES} == set(ALLOWED)
    assert len(MODULES) > 40


def test_no_import_cycle():
    graph = {name: {target for target, _line in v.top} - {name} for name, v in IMPORTS.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_no_room_imports_a_room_above_it():
    wrong = [
        f"{MODULES[name].relative_to(REPO)}:{line} imports {target}"
        for name, visitor in IMPORTS.items()
        for target, line in visitor.top
        if (room := name.split(".")[0]) != (other := target.split(".")[0])
        and other not in ALLOWED[room]
    ]
    assert wrong == []


def test_no_project_import_inside_a_function():
    # AppConfig.ready() is where Django wants signal modules imported: the apps are
    # loaded only then. Any other project import belongs at the top of its module.
    hidden = [
        f"{MODULES[name].relative_to(REPO)}:{line} imports {target} inside {function}()"
        for name, visitor in IMPORTS.items()
        for target, line, function in visitor.inside_functions
        if not (name.endswith(".apps") and function == "ready")
    ]
    assert hidden == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from .rows import OutcomeRow", ["findings.rows"]),
        ("from stories.models import StoryPage", ["stories.models"]),
        ("from findings import rows", ["findings.rows"]),
        ("import findings.filters", ["findings.filters"]),
        ("from django.db import models", []),
    ],
)
def test_imports_are_resolved_to_modules(source, expected):
    node = ast.parse(source).body[0]
    assert resolve("findings.comparison", REPO / "findings/comparison.py", node) == expected


def test_a_hidden_import_and_a_cycle_would_be_found():
    visitor = Imports("findings.rows", REPO / "findings/rows.py")
    visitor.visit(ast.parse("def f():\n    from browse.models import MethodPage\n"))
    assert visitor.inside_functions == [("browse.models", 2, "f")]
