"""Errors that end a command with exit code 2 and a clear message (DESIGN.md, Conventions)."""


class UsageError(Exception):
    """Bad input from the user: a file, a line, an option or a URL that cannot be used."""
