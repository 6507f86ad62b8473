"""Dependencies point one way: core <- directory <- scheduling <- mentors <- demo.

A lower app reaches what a higher one offers only through the contributions the higher app
declares (lainaamo.core.contributions), never by importing it or naming its pages.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from lainaamo.core.contributions import contributions

LAYERS = ["core", "directory", "scheduling", "mentors", "demo"]
PACKAGE = Path(settings.BASE_DIR) / "lainaamo"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def app_files(app: str, suffix: str) -> list[Path]:
    # Tests may build their scenes with any app's factories; the code may not.
    return [path for path in (PACKAGE / app).rglob(f"*{suffix}") if "tests" not in path.parts[:-1]]


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_no_module_imports_a_higher_app(app):
    higher = LAYERS[LAYERS.index(app) + 1 :]

    found = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in app_files(app, ".py")
        for module in imported_modules(path)
        if any(
            module == f"lainaamo.{other}" or module.startswith(f"lainaamo.{other}.")
            for other in higher
        )
    ]

    assert found == []


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_no_template_names_a_page_of_a_higher_app(app):
    higher = "|".join(LAYERS[LAYERS.index(app) + 1 :])
    url = re.compile(rf"{{% url ['\"]({higher}):")

    found = [
        str(path.relative_to(PACKAGE))
        for suffix in (".html", ".txt")
        for path in app_files(app, suffix)
        if url.search(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_contributions_come_in_the_order_of_the_installed_apps():
    from lainaamo.directory import contributions as directory
    from lainaamo.mentors import contributions as mentors

    assert contributions("navigation") == (directory.navigation, mentors.navigation)


def test_an_unknown_place_is_refused():
    with pytest.raises(LookupError):
        contributions("sidebar")
