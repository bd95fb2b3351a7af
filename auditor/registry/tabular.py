"""A registry as CSV, in and out: the columns of the TOML registry, one site per row.

Spreadsheets write UTF-8 with a byte-order mark (Excel's "CSV UTF-8") or without one; both are
read. Anything else (Excel's legacy "CSV" writes Windows-1258 on a Vietnamese system) is refused
with the line and column of the first byte that is not UTF-8, never guessed: a wrong guess would
turn every diacritic of every unit name into another letter. Exported CSV carries the BOM, so that
Excel opens it with its diacritics.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

from auditor.registry.load import Registry, RegistryError, Site, site_from_row

COLUMNS = ("id", "name", "level", "url", "parent", "status", "domain")
REQUIRED = ("id", "name", "level", "url")


def read_csv_sites(path: Path) -> list[Site]:
    text = _utf8_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RegistryError(f"{path}: line 1: missing columns: {', '.join(missing)}")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        column = header.index(unknown[0]) + 1
        raise RegistryError(f"{path}: line 1, column {column}: unknown column {unknown[0]!r} "
                            f"(expected {', '.join(COLUMNS)})")
    sites = []
    for row in reader:
        line = reader.line_num
        values = {k: v.strip() for k, v in row.items() if k and v not in (None, "") and v.strip()}
        try:
            sites.append(site_from_row(path, f"line {line}", values))
        except RegistryError as error:
            if not error.column:
                raise
            column = header.index(error.column) + 1
            reason = str(error).split(f"line {line}: ", 1)[-1]
            raise RegistryError(f"{path}: line {line}, column {column} ({error.column}): {reason}",
                                column=error.column) from None
    return sites


def _utf8_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        before = data[start:error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise RegistryError(
            f"{path}: line {line}, column {column}: not UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the spreadsheet as \"CSV UTF-8\"") from None


def registry_csv(registry: Registry, bom: bool = True) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for site in registry.sites:
        writer.writerow({k: v for k, v in asdict(site).items() if k in COLUMNS})
    return ("\ufeff" if bom else "") + out.getvalue()


def registry_toml(registry: Registry) -> str:
    """The registry as TOML (the DESIGN.md contract), e.g. after a CSV import."""
    import json

    lines = []
    audit = {k: getattr(registry, k) for k in ("name", "inspector", "pack", "contact") if getattr(registry, k)}
    if audit:
        lines.append("[audit]")
        lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in audit.items()]
        lines.append("")
    for site in registry.sites:
        lines.append("[[site]]")
        lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in asdict(site).items()
                  if v or k in REQUIRED]
        lines.append("")
    return "\n".join(lines)
