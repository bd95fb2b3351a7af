"""The TOML reader: the standard library's ``tomllib`` from Python 3.11, its backport ``tomli``
(the same code, same API) on 3.10. Every module reads TOML through here, so the floor that
pyproject.toml promises holds (tests/test_python_floor.py)."""

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, loads
else:  # pragma: no cover - exercised on Python 3.10 only
    from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
