"""Errors that end a command with exit code 2 and a clear message (DESIGN.md, Conventions)."""


class UsageError(Exception):
    """Bad input from the user: a file, a line, an option or a URL that cannot be used."""


def read_toml(path, error: type[UsageError], what: str = "file") -> tuple[dict, str]:
    """A TOML file's data and its text (for line lookups); anything wrong raises ``error`` naming
    the file, and for a syntax error the line and column (the TOML reader's message carries them)."""
    from pathlib import Path

    from auditor import toml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as reason:
        raise error(f"{path}: cannot read the {what}: {reason}") from None
    try:
        return toml.loads(text), text
    except toml.TOMLDecodeError as reason:
        raise error(f"{path}: not valid TOML: {reason}") from None
