"""The computational cores import neither Django nor the rest of Zhiliang (docs/architecture.md)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "zhiliang" / "core"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_cores_do_not_import_django_or_apps() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top == "django" or (top == "zhiliang" and not module.startswith("zhiliang.core")):
                offenders.append(f"{path.relative_to(CORE.parent.parent)}: {module}")
    assert not offenders, offenders


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport zhiliang.exams.models\n", encoding="utf-8")
    assert imported_modules(bad) == {"django.db", "zhiliang.exams.models"}
