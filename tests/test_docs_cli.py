"""docs/cli.md must document every option the `zhiliang` command shows in its --help (as datasette does)."""

import re
from pathlib import Path

import pytest

from zhiliang.cli import COMMANDS, build_parser

DOCS = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")


def _options(command: str) -> set[str]:
    parser = build_parser(command)
    sub = next(action for action in parser._actions if action.dest == "command").choices[command]  # type: ignore[index]
    found: set[str] = set()
    for action in sub._actions:
        found.update(action.option_strings)
        if not action.option_strings:
            found.add(str(action.metavar or action.dest))
    return found


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_of_every_subcommand_is_documented(command: str) -> None:
    assert f"## `zhiliang {command}" in DOCS, f"docs/cli.md has no section for {command}"
    documented = set(re.findall(r"`(-{0,2}[A-Za-z][\w-]*)", DOCS))
    missing = sorted(option for option in _options(command) if option not in documented)
    assert not missing, f"docs/cli.md does not document {missing} of `zhiliang {command}`"


def test_the_check_finds_an_undocumented_option() -> None:
    assert "--no-such-option" not in set(re.findall(r"`(-{0,2}[A-Za-z][\w-]*)", DOCS))
    assert "--json" in _options("analyze") and "SCORES" in _options("analyze")
