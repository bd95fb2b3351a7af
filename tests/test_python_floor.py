"""The Python floor pyproject.toml promises (3.10), checked on any interpreter: the sources parse
as 3.10 grammar, TOML is read only through auditor/toml.py, and every module imports on a
simulated 3.10 (no ``tomllib``, ``tomli`` in its place). .ci/run also runs the suite on a real
``python3.10`` where one is installed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from auditor import toml

REPO = Path(__file__).parent.parent
SOURCES = [path for folder in ("auditor", "spiders", "rules", "reports", "tests", "bench")
           for path in sorted((REPO / folder).rglob("*.py"))]
SHIM = REPO / "auditor" / "toml.py"


def test_pyproject_promises_3_10_and_brings_the_backport_there():
    project = toml.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.10"
    assert "tomli>=2; python_version < '3.11'" in project["dependencies"]


def test_every_source_parses_as_python_3_10():
    for path in SOURCES:
        ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=(3, 10))


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_shim_imports_tomllib():
    offenders = [str(path.relative_to(REPO)) for path in SOURCES if path != SHIM
                 and {"tomllib", "tomli"} & imported_modules(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == []


SIMULATED_3_10 = """
import importlib, pkgutil, sys, tomllib
sys.modules["tomli"] = tomllib                   # the backport has the same API
sys.modules["tomllib"] = None                    # absent before 3.11: importing it fails
sys.version_info = (3, 10, 13, "final", 0)
import auditor
from auditor import toml
assert toml.loads('a = 1') == {"a": 1}
failed = []
for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
    if info.name.endswith("__main__"):
        continue  # runs the command line
    try:
        importlib.import_module(info.name)
    except Exception as error:
        failed.append(f"{info.name}: {type(error).__name__}: {error}")
print("\\n".join(failed) or "ok")
"""


def test_every_module_imports_on_a_simulated_3_10():
    result = subprocess.run([sys.executable, "-c", SIMULATED_3_10], capture_output=True, text=True,
                            cwd=REPO / "tests", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok", result.stdout
