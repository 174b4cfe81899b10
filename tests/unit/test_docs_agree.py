"""The README and the code agree: every setting the code reads and every command it offers is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_the_code_reads_is_in_the_readme() -> None:
    read = set()
    for folder in ("portal", "workers"):
        for source in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"\"(PORTAL_[A-Z_]+)\"", source.read_text(encoding="utf-8")))
    assert read, "no PORTAL_ settings found: the pattern no longer matches the code"
    assert sorted(v for v in read if f"`{v}`" not in README) == []


def test_every_command_line_command_is_in_the_readme() -> None:
    from portal.cli import main

    assert main.commands, "the command group has no commands"
    missing = [f"portal {name}" for name in main.commands if f"portal {name}" not in README]
    assert missing == []
