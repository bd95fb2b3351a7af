"""The site registry: which sites of a province to audit (TOML, or CSV with the same columns).

The contract is in DESIGN.md. Every problem is reported as a RegistryError naming the file and
the site (by id, or by its position when the id itself is missing), so the CLI can exit with 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from auditor.errors import UsageError, read_toml
from auditor.statuses import UNIT_STATUSES as STATUSES

LEVELS = ("tinh", "huyen", "xa")
SITE_KEYS = {"id", "name", "level", "url", "parent", "status", "domain"}
AUDIT_KEYS = {"name", "inspector", "pack", "contact"}


class RegistryError(UsageError):
    """The registry cannot be used as written. ``column`` names the field at fault, when one is:
    a CSV registry's message then gives its line and column."""

    def __init__(self, message: str, column: str = ""):
        super().__init__(message)
        self.column = column


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    level: str
    url: str  # a URL prefix: scheme, host, port and path; the site is everything under it
    parent: str = ""
    status: str = "active"
    domain: str = ""  # the public domain, when `url` is a test or mirror address


@dataclass(slots=True)
class Registry:
    path: str
    sites: list[Site]
    name: str = ""
    inspector: str = ""
    pack: str = ""
    contact: str = ""
    extra: dict = field(default_factory=dict)


def load_registry(path: str | Path) -> Registry:
    path = Path(path)
    if not path.is_file():
        raise RegistryError(f"{path}: no such registry file")
    if path.suffix.lower() == ".csv":
        from auditor.registry.tabular import read_csv_sites

        audit, sites = {}, read_csv_sites(path)
    else:
        audit, rows = _read_toml(path)
        sites = [site_from_row(path, f"site #{index}" + (f" ({row['id']!r})" if row.get("id") else ""), row)
                 for index, row in enumerate(rows, start=1)]
    if not sites:
        raise RegistryError(f"{path}: the registry lists no [[site]]")
    _check_ids_and_parents(path, sites)
    unknown = set(audit) - AUDIT_KEYS
    if unknown:
        raise RegistryError(f"{path}: [audit] has unknown keys: {', '.join(sorted(unknown))}")
    return Registry(
        path=str(path),
        sites=sites,
        name=str(audit.get("name", "")),
        inspector=str(audit.get("inspector", "")),
        pack=str(audit.get("pack", "")),
        contact=str(audit.get("contact", "")),
    )


def registry_for_url(url: str, level: str = "xa", name: str = "", site_id: str = "") -> Registry:
    """A registry of one site, for `auditor check URL`."""
    host = urlsplit(url).hostname or "site"
    site = Site(
        id=site_id or host.split(".")[0] or "site",
        name=name or host,
        level=level,
        url=url,
    )
    _validate_site("<command line>", site, "the URL")
    return Registry(path="<command line>", sites=[site])


def _read_toml(path: Path) -> tuple[dict, list[dict]]:
    data, _ = read_toml(path, RegistryError, "registry")
    rows = data.get("site", [])
    if not isinstance(rows, list):
        raise RegistryError(f"{path}: sites must be written as [[site]] tables")
    audit = data.get("audit", {})
    unknown_tables = set(data) - {"audit", "site"}
    if unknown_tables:
        raise RegistryError(f"{path}: unknown tables: {', '.join(sorted(unknown_tables))}")
    return audit, rows


def site_from_row(path: Path, where: str, row: dict) -> Site:
    unknown = set(row) - SITE_KEYS
    if unknown:
        raise RegistryError(f"{path}: {where}: unknown keys: {', '.join(sorted(unknown))}")
    for key in ("id", "name", "level", "url"):
        if not str(row.get(key, "")).strip():
            raise RegistryError(f"{path}: {where}: `{key}` is required", column=key)
    site = Site(**{key: str(value).strip() for key, value in row.items()})
    _validate_site(path, site, where)
    return site


def _validate_site(path, site: Site, where: str) -> None:
    if site.level not in LEVELS:
        raise RegistryError(
            f"{path}: {where}: unknown level {site.level!r} (expected one of {', '.join(LEVELS)})",
            column="level")
    if site.status not in STATUSES:
        raise RegistryError(
            f"{path}: {where}: unknown status {site.status!r} "
            f"(expected one of {', '.join(STATUSES)})", column="status")
    parts = urlsplit(site.url)
    try:
        parts.port  # raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise RegistryError(f"{path}: {where}: malformed URL {site.url!r} (need http(s)://host/...)",
                            column="url")


def _check_ids_and_parents(path: Path, sites: list[Site]) -> None:
    seen: set[str] = set()
    for site in sites:
        if site.id in seen:
            raise RegistryError(f"{path}: site {site.id!r}: duplicate id")
        seen.add(site.id)
    for site in sites:
        if site.parent and site.parent not in seen:
            raise RegistryError(f"{path}: site {site.id!r}: unknown parent {site.parent!r}")
