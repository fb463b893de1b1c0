"""import_circles: the circles of imports inside a package, named module by module."""
from pathlib import Path
from textwrap import dedent

import pytest

from servicekit.testing.import_circles import import_circles


@pytest.fixture
def write_package(tmp_path, monkeypatch):
    """Write a package of modules (dotted name -> source) where Python finds it."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def write(modules: dict[str, str]) -> None:
        for name, source in modules.items():
            *folders, last = name.split(".")
            folder = Path(tmp_path, *folders)
            folder.mkdir(parents=True, exist_ok=True)
            for depth in range(1, len(folders) + 1):
                Path(tmp_path, *folders[:depth], "__init__.py").touch()
            (folder / f"{last}.py").write_text(dedent(source))

    return write


def test_two_modules_that_import_each_other_are_named_as_a_circle(write_package):
    write_package({"mutual.a": "from mutual import b\n", "mutual.b": "import mutual.a\n"})
    assert import_circles("mutual") == [("mutual.a", "mutual.b", "mutual.a")]


def test_a_longer_circle_is_named_in_the_order_its_modules_import(write_package):
    write_package({
        "loop.a": "from loop.c import thing\n",
        "loop.b": "from loop import a\n",
        "loop.c": "import loop.b\n",
        "loop.d": "import loop.a\n",
    })
    assert import_circles("loop") == [("loop.a", "loop.c", "loop.b", "loop.a")]


def test_an_import_inside_a_function_closes_a_circle(write_package):
    write_package({
        "late.a": "import late.b\n",
        "late.b": """\
            def helper():
                from late.a import thing
            """,
    })
    assert import_circles("late") == [("late.a", "late.b", "late.a")]


def test_relative_imports_count_as_what_they_name(write_package):
    write_package({
        "relative.api.views": "from ..rules import decide\n",
        "relative.rules": "from .api import views\n",
    })
    assert import_circles("relative") == [("relative.api.views", "relative.rules", "relative.api.views")]


def test_an_import_for_type_checking_alone_closes_no_circle(write_package):
    write_package({
        "typed.a": "import typed.b\n",
        "typed.b": """\
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from typed.a import Thing
            """,
    })
    assert import_circles("typed") == []


def test_each_knot_of_modules_is_named_once(write_package):
    write_package({
        "knots.a": "import knots.b\nimport knots.c\n",
        "knots.b": "import knots.a\n",
        "knots.c": "import knots.a\n",
        "knots.x": "import knots.y\n",
        "knots.y": "import knots.x\n",
    })
    assert import_circles("knots") == [("knots.a", "knots.b", "knots.a"), ("knots.x", "knots.y", "knots.x")]


@pytest.mark.parametrize("package", ["servicekit", "contracts"])
def test_servicekit_and_the_contracts_it_builds_on_import_without_circles(package):
    # contracts' own suite runs without servicekit, so its modules are checked here.
    assert import_circles(package) == []
