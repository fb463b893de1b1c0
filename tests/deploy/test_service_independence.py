"""Each service and the gateway ship on their own: none imports another one's package, in its code, its
migrations or its tests, and neither do contracts and servicekit.

Two checks: a scan of every Python file's imports (which names the offending line), and the virtualenvs
`make test` runs each package's tests in (.venvs/<suite>), which hold only that package, contracts and
servicekit, so a forgotten import fails there at run time too.
"""
from __future__ import annotations

import ast
import json
import subprocess
from pathlib import Path

import pytest

from deploy.layout import COMPONENTS, ROOT

COMPONENT_PACKAGES = {component.package for component in COMPONENTS}
# The repository's own folders for running the whole platform: a package that imports them cannot run alone.
PLATFORM_FOLDERS = {"deploy", "bench"}
SHARED = {"contracts": ROOT / "contracts", "servicekit": ROOT / "libs" / "servicekit"}
VENVS = ROOT / ".venvs"


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, top-level module) for each import in a Python file: statements, and importlib or __import__
    calls with a literal name. Relative imports stay inside the package, so they are left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func) and node.args:
            name = node.args[0]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.append((node.lineno, name.value))
    return sorted((line, module.split(".")[0]) for line, module in found)


def _is_dynamic_import(function: ast.expr) -> bool:
    if isinstance(function, ast.Name):
        return function.id in ("__import__", "import_module")
    return isinstance(function, ast.Attribute) and function.attr == "import_module"


def foreign_imports(directory: Path, own_package: str | None) -> list[str]:
    """'path:line imports name' for each import, anywhere under `directory`, of a component package other
    than `own_package`, or of the platform's own folders."""
    forbidden = (COMPONENT_PACKAGES - {own_package}) | PLATFORM_FOLDERS
    offences = []
    for path in sorted(directory.rglob("*.py")):
        for line, module in imported_modules(path.read_text()):
            if module in forbidden:
                offences.append(f"{path.relative_to(directory)}:{line} imports {module}")
    return offences


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_no_component_imports_another_component(component):
    assert foreign_imports(component.directory, component.package) == []


@pytest.mark.parametrize("name", sorted(SHARED))
def test_contracts_and_servicekit_import_no_component(name):
    assert foreign_imports(SHARED[name], None) == []


def test_the_scan_names_each_way_of_importing_another_service(tmp_path):
    tests = tmp_path / "tests" / "integration"
    tests.mkdir(parents=True)
    (tests / "test_orders.py").write_text(
        "import orders\n"
        "from orders import checkout\n"
        "from catalog.models import Product\n"
        "import importlib\n"
        "claims = importlib.import_module('orders.claims')\n"
        "gateway = __import__('gateway')\n"
        "from deploy.layout import ROOT\n"
    )
    (tmp_path / "support.py").write_text("from . import orders\nfrom support.inquiries import open_inquiry\n")

    assert foreign_imports(tmp_path, "support") == [
        "tests/integration/test_orders.py:1 imports orders",
        "tests/integration/test_orders.py:2 imports orders",
        "tests/integration/test_orders.py:3 imports catalog",
        "tests/integration/test_orders.py:5 imports orders",
        "tests/integration/test_orders.py:6 imports gateway",
        "tests/integration/test_orders.py:7 imports deploy",
    ]


@pytest.fixture(scope="module")
def importable_components():
    """The component packages a suite's virtualenv can import; `make test-venvs` makes missing ones first."""
    subprocess.run(["make", "--no-print-directory", "--silent", "test-venvs"], cwd=ROOT, check=True)
    probe = (
        "import importlib.util, json, sys\n"
        "print(json.dumps([name for name in sys.argv[1:] if importlib.util.find_spec(name)]))"
    )

    def importable(suite: str) -> set[str]:
        # -I and the repository root as working directory: only what the virtualenv installed is found.
        answer = subprocess.run(
            [str(VENVS / suite / "bin" / "python"), "-I", "-c", probe, *sorted(COMPONENT_PACKAGES)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )
        return set(json.loads(answer.stdout))

    return importable


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_a_components_test_environment_holds_no_other_component(component, importable_components):
    assert importable_components(component.name) == {component.package}


@pytest.mark.parametrize("name", sorted(SHARED))
def test_the_test_environments_of_contracts_and_servicekit_hold_no_component(name, importable_components):
    assert importable_components(name) == set()
