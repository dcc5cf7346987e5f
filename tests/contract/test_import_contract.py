"""Dependencies point inward: the import contract of src/casework, read from the source.

    domain       imports only itself (and the standard library, numpy, holidays, yaml)
    service      imports the domain and itself, and no third-party package at all
    adapters     import the domain, themselves and the ports (`service.ports`)
    entrypoints  import the service, the domain, config and `bootstrap` (the one place
                 that picks adapters); never an adapter

A crossing not in KNOWN_CROSSINGS fails the test; a KNOWN_CROSSINGS entry that no longer
exists fails it too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "casework"
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}

ALLOWED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # layer: (casework packages it may import, third-party packages it may import)
    "domain": (frozenset({"casework.domain"}), frozenset({"numpy", "holidays", "yaml"})),
    "service": (frozenset({"casework.domain", "casework.service"}), frozenset()),
    "adapters": (frozenset({"casework.domain", "casework.adapters", "casework.service.ports"}),
                 frozenset({"sqlalchemy", "alembic", "argon2", "lxml", "numpy", "pyarrow", "pydantic", "yaml",
                            "distributed", "authlib", "joserfc", "httpx"})),
    "entrypoints": (frozenset({"casework.domain", "casework.service", "casework.entrypoints", "casework.bootstrap",
                               "casework.config"}),
                    frozenset({"fastapi", "starlette", "pydantic", "jinja2", "typer", "rich", "uvicorn", "weasyprint",
                               "yaml"})),
}

# Crossings tolerated while they are being removed, as (file under src/casework, module);
# empty now: every command reaches the adapters through a port bound in `bootstrap`.
KNOWN_CROSSINGS: frozenset[tuple[str, str]] = frozenset()


def imported_modules(source: str, package: str = "casework") -> set[str]:
    """Every module a source file imports, at any depth (inside functions too); a relative
    import is read against the file's `package`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            found.add(f"{base}.{node.module}" if node.module else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "casework":
            found.update(f"casework.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def crossings(layer: str, source: str, package: str = "") -> set[str]:
    """The imports in a file of `layer` (in `package`) that the contract forbids."""
    own, third_party = ALLOWED[layer]
    bad = set()
    for module in imported_modules(source, package or f"casework.{layer}"):
        top = module.split(".")[0]
        if top == "casework":
            if not any(module == ok or module.startswith(ok + ".") for ok in own):
                bad.add(module)
        elif top not in STDLIB and top not in third_party:
            bad.add(module)
    return bad


def _all_crossings() -> set[tuple[str, str]]:
    found = set()
    for layer in ALLOWED:
        for path in sorted((SRC / layer).rglob("*.py")):
            relative = path.relative_to(SRC).as_posix()
            if relative.startswith("adapters/store/migrations/"):
                continue  # Alembic's revisions are frozen history
            package = ".".join(("casework", *path.relative_to(SRC).parent.parts))
            found.update((relative, module) for module in crossings(layer, path.read_text("utf-8"), package))
    return found


def test_no_layer_imports_what_the_contract_forbids() -> None:
    found = _all_crossings()
    assert found - KNOWN_CROSSINGS == set(), "new crossings; bind the adapter in bootstrap and use a port"
    assert KNOWN_CROSSINGS - found == set(), "a listed crossing is gone; remove it from KNOWN_CROSSINGS"


def test_the_contract_catches_a_service_importing_an_adapter_or_a_framework() -> None:
    source = "from casework.adapters.chronology_file import read_case_file\nimport sqlalchemy\nimport re\n"
    assert crossings("service", source) == {"casework.adapters.chronology_file", "sqlalchemy"}
    assert crossings("domain", "def f():\n    from casework.service import cases\n") == {"casework.service"}
    assert crossings("entrypoints", "from casework import adapters\n") == {"casework.adapters"}
    assert crossings("adapters", "from casework.service.ports import Files\n") == set()
    assert crossings("domain", "from ...service import cases\n", "casework.domain.audit") == {"casework.service"}
    assert crossings("domain", "from .guards import GUARDS\n", "casework.domain.complaints") == set()
