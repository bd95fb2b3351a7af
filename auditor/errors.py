"""Errors that end a command with exit code 2 and a clear message (DESIGN.md, Conventions)."""


class UsageError(Exception):
    """Bad input from the user: a file, a line, an option or a URL that cannot be used."""


def read_toml(path, error: type[UsageError], what: str = "file") -> tuple[dict, str]:
    """A TOML file's data and its text (for line lookups); anything wrong raises ``error`` naming
    the file, and for a syntax error the line and column (tomllib's message carries them)."""
    import tomllib
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as reason:
        raise error(f"{path}: cannot read the {what}: {reason}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as reason:
        raise error(f"{path}: not valid TOML: {reason}") from None
