"""The package layout the design promises: imports run one way, modules stay small.

ingest and index import nothing from kb; index imports nothing from ingest (it knows ids and
text); kb wires them; kb/cli.py and app.py talk only to kb.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "index", "kb")
MAX_LINES = 400


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Top-level package names a module imports (absolute imports only; we use no relative ones)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package, forbidden", [("ingest", {"kb", "index"}), ("index", {"kb", "ingest"})])
def test_lower_layers_do_not_import_upper_ones(package, forbidden):
    for path in modules(package):
        assert not imported(path) & forbidden, f"{path.relative_to(ROOT)} imports {imported(path) & forbidden}"


def test_importing_ingest_and_index_loads_no_kb_module():
    names = [".".join(p.relative_to(ROOT).with_suffix("").parts) for package in ("ingest", "index")
             for p in modules(package)]
    names = [n.removesuffix(".__init__") for n in names]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m == 'kb' or m.startswith('kb.'))\n"
            "print(','.join(loaded))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_importing_index_loads_no_ingest_module():
    names = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
             for p in modules("index")]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('kb', 'ingest'))))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("shell", ["kb/cli.py", "app.py"])
def test_cli_and_app_talk_only_to_kb(shell):
    ours = imported(ROOT / shell) & {*PACKAGES, "bench"}
    assert ours == {"kb"}, ours


def test_tests_and_benchmarks_share_scorers_not_scripts():
    for path in sorted((ROOT / "tests").glob("*.py")):
        assert "bench" not in imported(path), f"{path.name} imports bench"


@pytest.mark.parametrize("path", [p for package in PACKAGES for p in modules(package)] + [ROOT / "app.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"
