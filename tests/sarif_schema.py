"""The official SARIF 2.1.0 schema (read from ../shared, never copied here) as a validator that
also checks the URI formats, as GitHub's uploader does."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import jsonschema

from conftest import SHARED

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def uri_reference(value: str) -> bool:
    """No whitespace, control or non-ASCII characters: those must be percent-encoded."""
    return not re.search(r"[\s\x00-\x1f\x7f-\uffff]", value)


@lru_cache(maxsize=1)
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    formats = jsonschema.FormatChecker()
    # jsonschema checks these formats only with optional packages: check them here, the way
    # GitHub's uploader does ("does not conform to the uri-reference format").
    formats.checks("uri-reference")(uri_reference)
    formats.checks("uri")(lambda v: uri_reference(v) and bool(re.match(r"[A-Za-z][\w+.-]*:", v)))
    return jsonschema.Draft4Validator(schema, format_checker=formats)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
