"""Subcommands of the `zhiliang` command line (see `zhiliang.cli.COMMANDS`)."""


class CommandError(Exception):
    """A problem the user can fix (bad option, unreadable file): printed to stderr, exit status 2."""
