"""The documentation tells the truth: every CLI command and option and every setting is in the
README, and docs/DESIGN.md's module table lists exactly the modules there are."""
import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from kb.cli import cli
from kb.config import Config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DESIGN = (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name", [name for name, _ in commands()])
def test_every_command_is_in_the_readme(name):
    assert re.search(rf"\bkb (?:\[[^\]]*\] )?{name}\b", README), f"`kb {name}` is not in README.md"


@pytest.mark.parametrize("command, option", [
    (name, opt) for name, command in [("", cli), *commands()]
    for param in command.params if isinstance(param, click.Option)
    for opt in param.opts if opt.startswith("--") and opt != "--help"])
def test_every_option_is_in_the_readme(command, option):
    assert option in README, f"`kb {command} {option}` is not in README.md"


@pytest.mark.parametrize("name", [f.name for f in fields(Config) if f.name != "home"])
def test_every_setting_is_in_the_readme(name):
    assert f"`{name}`" in README, f"setting {name!r} is not in README.md"


def design_modules() -> set[str]:
    table = DESIGN.split("## Modules", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)` \|", table, re.M))


def real_modules() -> set[str]:
    found = {"app.py"}
    for package in ("ingest", "index", "kb", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            if path.read_text(encoding="utf-8").strip() and path.name != "__main__.py":
                found.add(str(path.relative_to(ROOT)))
    return found


def test_design_module_table_matches_the_files():
    listed, real = design_modules(), real_modules()
    assert not real - listed, f"modules missing from docs/DESIGN.md: {sorted(real - listed)}"
    assert not listed - real, f"docs/DESIGN.md lists modules that do not exist: {sorted(listed - real)}"
