"""The documentation covers every command and every setting (as datasette and sqlite-utils check)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from tidings.cli import app
from tidings.config import describe_settings

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_the_two_setup_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]
    assert lines[2].startswith("make run") and lines[3].startswith("make test")


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    names = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in names if f"`tidings {name}" not in readme]
    assert not missing


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "settings.md").read_text()
    missing = [name for name, _, _ in describe_settings() if f"`{name}`" not in text]
    assert not missing
