"""The package layout the design promises: imports run one way, modules stay small.

ingest and index import nothing from kb; index imports nothing from ingest (it knows ids and
text); kb wires them; kb/cli.py and app.py talk only to kb. Inside kb, a folder per concern
with its own import rule (the table below); no circle of imports anywhere.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "index", "kb")
MAX_LINES = 400


# What each of kb's concerns may import from kb (besides itself). The app is the top: nothing
# in kb imports it; the store, the tables and the indexes know nothing of answers or the app.
KB_CONCERNS = {
    "kb.store": {"kb.errors", "kb.config"},
    "kb.tables": {"kb.errors"},
    "kb.indexes": {"kb.errors", "kb.config", "kb.store"},
    "kb.answers": {"kb.errors", "kb.config", "kb.models", "kb.search", "kb.indexes", "kb.tables"},
    "kb.accounts": {"kb.errors", "kb.store"},
    "kb.review": {"kb.errors", "kb.store", "kb.accounts"},
    "kb.app": {"kb"},
    "kb.commands": {"kb"},
}


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


OUR_MODULES = {module_name(p) for package in PACKAGES for p in modules(package)}


def imported_modules(path: Path) -> set[str]:
    """Our modules a module imports, at its top or inside a function: ``from a.b import c`` is
    the module a.b.c when there is one, else a.b."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            out |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in OUR_MODULES else node.module
                    for a in node.names}
    return out & OUR_MODULES


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
    """Tests take the scorers (bench/scorers.py) and nothing else of bench/."""
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] == "bench":
                assert node.module == "bench.scorers", f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "bench" for a in node.names), f"{path.name} imports bench"


@pytest.mark.parametrize("path", [p for package in PACKAGES for p in modules(package)] + [ROOT / "app.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concept"


def concern_of(name: str) -> str:
    return next((c for c in KB_CONCERNS if name == c or name.startswith(c + ".")), name)


@pytest.mark.parametrize("path", modules("kb"), ids=lambda p: str(p.relative_to(ROOT)))
def test_kb_concerns_import_only_what_their_rule_allows(path):
    own = concern_of(module_name(path))
    allowed = KB_CONCERNS.get(own)
    for name in imported_modules(path):
        if not name.startswith("kb") or concern_of(name) == own:
            continue
        if own != "kb.app":
            assert concern_of(name) != "kb.app", f"{path.relative_to(ROOT)} imports the app layer ({name})"
        if allowed is not None:
            assert any(name == a or name.startswith(a + ".") for a in allowed), \
                f"{path.relative_to(ROOT)} ({own}) imports {name}; it may import {sorted(allowed)}"


def test_the_app_layer_is_imported_only_by_itself_and_app_py():
    for path in [*modules("kb"), *modules("ingest"), *modules("index")]:
        if concern_of(module_name(path)) != "kb.app":
            assert not {n for n in imported_modules(path) if concern_of(n) == "kb.app"}, path


def test_no_circle_of_imports():
    graph = {module_name(p): imported_modules(p) - {module_name(p)} for package in PACKAGES for p in modules(package)}
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            walked = path + [name]
            assert state.get(target) != 1, "circle: " + " -> ".join(walked[walked.index(target):] + [target])
            if not state.get(target):
                walk(target, walked)
        state[name] = 2

    for name in sorted(graph):
        if not state.get(name):
            walk(name, [])


@pytest.mark.parametrize("package", ["kb/store", "kb/indexes", "kb/answers", "kb/tables", "kb/app"])
def test_every_concern_says_what_lives_there(package):
    init = ROOT / package / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and "import" in doc.lower(), f"{package}/__init__.py should say what lives there and what it may import"


def test_scorers_are_no_part_of_the_product():
    for path in modules("kb"):
        assert "bench" not in imported(path), f"{path.relative_to(ROOT)} imports bench"


def test_the_installed_package_holds_every_module(tmp_path):
    """A regular install (the Dockerfile's `pip install .`) ships the subpackages too."""
    import shutil
    import zipfile
    source = tmp_path / "source"  # built from a copy: the build leaves build/ and egg-info behind
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "requirements.txt", "requirements-ocr.txt", "requirements-milvus.txt"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(tmp_path / "wheel"), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for package in PACKAGES for p in modules(package)}
    assert expected <= shipped, sorted(expected - shipped)
