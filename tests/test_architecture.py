"""The one-way import rules of docs/architecture.md, read from the code itself.

Every `import` and `from … import` of the product's packages is parsed (not executed) and checked:

- `leadership/common` imports no app and nothing of the project package around it;
- `roles` is the base: it imports neither nominations, training, the overview nor the project package;
- `nominations` and `training` stand side by side: they never import each other, the overview or the
  project package;
- nothing imports `leadership/overview` but the project package, which wires the apps together;
- from another room, an app is reached only through its models, services, selectors and enums; a rules
  module may combine another app's predicates (`rules`), and a demo module may build on the roles demo
  (`demo`, until generated data leaves the product packages);
- in particular the overview imports no model of nominations or training: it reads them through their
  selectors.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

PACKAGES = ("leadership", "roles", "nominations", "training")
APPS = ("roles", "nominations", "training")
# What another room may import of an app, by the importing module's own last name.
PUBLIC_MODULES = {"models", "services", "selectors", "enums"}
PEER_MODULES = {"rules": {"rules"}, "demo": {"demo"}}
# Which rooms each room may import (besides itself). The project package (settings, URLs, the API router,
# health, metrics, management commands, the benchmark) sits on top and may import every room.
MAY_IMPORT = {
    "leadership.common": set(),
    "roles": {"leadership.common"},
    "nominations": {"leadership.common", "roles"},
    "training": {"leadership.common", "roles"},
    "leadership.overview": {"leadership.common", "roles", "nominations", "training"},
    "leadership": {"leadership.common", "roles", "nominations", "training", "leadership.overview"},
}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module that imports
    target: str  # dotted module (or package attribute) imported
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.target}"


def room(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "leadership" and len(parts) > 1 and parts[1] in ("common", "overview"):
        return f"leadership.{parts[1]}"
    return parts[0]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path) -> list[Import]:
    """Every import of one of our packages in a file, relative imports resolved, `from pkg import mod` as
    `pkg.mod`."""
    module = module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            # `from roles import selectors` reaches roles.selectors; `from roles.models import Role` roles.models.
            found += [Import(module, f"{source}.{alias.name}", node.lineno) for alias in node.names]
    return [found_import for found_import in found if found_import.target.split(".")[0] in PACKAGES]


def product_files(root: Path) -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts and (root / package).exists()
    )


def reached_module(target: str) -> str:
    """The app module an import reaches: `roles.models.roles.Role` → `models`, `roles.selectors` → `selectors`."""
    parts = target.split(".")
    offset = 2 if room(target).startswith("leadership.") else 1
    return parts[offset] if len(parts) > offset else ""


def violations(root: Path) -> list[str]:
    found = []
    for path in product_files(root):
        for imp in imports_of(path, root):
            source, target = room(imp.importer), room(imp.target)
            if source == target:
                continue
            if target not in MAY_IMPORT[source]:
                found.append(f"{imp}: {source} may not import {target}")
            elif target in APPS:
                reached = reached_module(imp.target)
                own = imp.importer.split(".")[-1]
                if reached not in PUBLIC_MODULES | PEER_MODULES.get(own, set()):
                    found.append(f"{imp}: only {target}'s models, services, selectors and enums are public")
            if source == "leadership.overview" and imp.target.startswith(
                ("nominations.models", "training.models")
            ):
                found.append(f"{imp}: the overview reads nominations and training through their selectors")
    return found


def test_the_product_follows_the_import_rules():
    assert violations(Path(settings.BASE_DIR)) == []


def test_the_rules_see_every_package_and_many_imports():
    root = Path(settings.BASE_DIR)
    files = product_files(root)
    seen = {room(module_name(path, root)) for path in files}
    assert seen == set(MAY_IMPORT)
    assert sum(len(imports_of(path, root)) for path in files) > 500


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "training/views/extra.py",
            "from roles.forms.organizations import add_service_error\n",
            "training.views.extra:1 imports roles.forms.organizations.add_service_error: only roles's models, "
            "services, selectors and enums are public",
        ),
        (
            "nominations/selectors.py",
            "from training import selectors\n",
            "nominations.selectors:1 imports training.selectors: nominations may not import training",
        ),
        (
            "leadership/overview/people.py",
            "from ..common import emails\nfrom nominations.models import Nomination\n",
            "leadership.overview.people:2 imports nominations.models.Nomination: the overview reads "
            "nominations and training through their selectors",
        ),
        (
            "leadership/common/extra.py",
            "from ..overview import services\n",
            "leadership.common.extra:1 imports leadership.overview.services: leadership.common may not "
            "import leadership.overview",
        ),
        (
            "roles/selectors.py",
            "import nominations.models\n",
            "roles.selectors:1 imports nominations.models: roles may not import nominations",
        ),
        (
            "training/demo.py",
            "from roles.rules import is_staff\n",
            "training.demo:1 imports roles.rules.is_staff: only roles's models, services, selectors and enums "
            "are public",
        ),
    ],
)
def test_the_rules_catch_a_forbidden_import(tmp_path, module, source, expected):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.relative_to(tmp_path).parents:
        if str(parent) != ".":
            (tmp_path / parent / "__init__.py").touch()
    path.write_text(source)
    assert violations(tmp_path) == [expected]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("training/forms.py", "from roles.selectors import competency_choices\n"),
        ("training/rules.py", "from roles.rules import is_staff\n"),
        ("nominations/demo.py", "from roles.demo import DemoStep\n"),
        ("leadership/overview/services.py", "from training import selectors\n"),
        ("leadership/api.py", "from leadership.overview import services\n"),
        (
            "roles/views.py",
            "from .forms import RoleForm\nfrom leadership.common.lists import ListPageMixin\n",
        ),
    ],
)
def test_the_rules_allow_the_public_ways(tmp_path, module, source):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    assert violations(tmp_path) == []


def test_the_makefiles_named_test_paths_exist():
    """When tests move to mirror the code, the Makefile's lists of test paths (the Python 3.13 smoke) follow."""
    root = Path(settings.BASE_DIR)
    lines = (root / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    makefile = " ".join(line for line in lines if not line.lstrip().startswith("#"))
    named = {word for word in makefile.split() if word.startswith("tests/") and "$" not in word}
    assert named, "the Makefile names no test path: this test reads it wrongly"
    assert sorted(path for path in named if not (root / path).exists()) == []
