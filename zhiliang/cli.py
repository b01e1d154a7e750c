"""The `zhiliang` command: subcommands that run the pure cores on files, without a server or a database.

Each subcommand is a module in `zhiliang.commands` with `HELP` (one line), `add_arguments(parser)` and
`run(args) -> int`; `COMMANDS` maps the subcommand's name to its module, so adding one is one line here.
Only the chosen subcommand's arguments are configured, so a subcommand may defer heavy imports to them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from zhiliang.commands import CommandError

COMMANDS: dict[str, str] = {
    "analyze": "zhiliang.commands.analyze",
    "balance": "zhiliang.commands.balance",
    "demo-data": "zhiliang.commands.demo_data",
    "fitness": "zhiliang.commands.fitness",
    "items": "zhiliang.commands.items",
    "place": "zhiliang.commands.place",
    "value-added": "zhiliang.commands.value_added",
}


def _load(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser. With `command`, only that subcommand's arguments are configured."""
    parser = argparse.ArgumentParser(prog="zhiliang", description="质量（Zhiliang）命令行工具")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        # argparse %-formats help strings (not descriptions): a literal % ("95%") must be doubled there.
        sub = subparsers.add_parser(name, help=module.HELP.replace("%", "%%"), description=module.HELP)
        if command is None or command == name:
            module.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point; returns the exit status (0 ok, 2 bad input)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = next((arg for arg in arguments if arg in COMMANDS), None)
    parser = build_parser(command)
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        status: int | None = _load(args.command).run(args)
    except CommandError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    return status or 0


if __name__ == "__main__":
    sys.exit(main())
