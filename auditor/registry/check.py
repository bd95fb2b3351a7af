"""`auditor registry check`: a registry against the official list of administrative units.

What it reports, each as a Problem naming the site (or the unit) and what to do:

``abolished``     a district site still ``active``: districts were abolished on 1 July 2025;
                  suggest status ``abolished`` and name the province and the communes formed;
``merged``        a commune that no longer exists still ``active``: suggest ``merged`` and the
                  commune that replaced it;
``missing``       a commune of the province that no site of the registry names;
``duplicate-url`` two sites with the same URL prefix;
``duplicate-unit`` two sites naming the same unit;
``unknown-name``  a commune or district name that matches no unit, now or before the reform;
``domain``        a commune site whose domain is not ``tenphuongxa.tentinhthanh.gov.vn``
                  (Decree 224/2026 Art. 11(4)(c)).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from auditor.registry.load import Registry, RegistryError, Site
from auditor.registry.units import (PROVINCE_TYPES, Province, Units, bare_key, domain_label,
                                    official_units, unit_key)


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    site: str  # registry id, or "" for a unit the registry lacks
    message: str
    suggestion: str = ""


def check_registry(registry: Registry, province_name: str = "", units: Units | None = None) -> list[Problem]:
    units = units or official_units()
    province = _province_of(registry, province_name, units)
    problems = [*_duplicate_urls(registry.sites)]
    named: dict[str, list[str]] = defaultdict(list)  # unit -> sites naming it
    for site in registry.sites:
        unit, found = _judge_unit(site, province, units)
        problems.extend(found)
        if unit:
            named[unit].append(site.id)
        if site.level == "xa" and site.status == "active" and units.commune(province, site.name):
            problems.extend(_domain(site, unit, province))
    for unit, sites in named.items():
        if len(sites) > 1:
            problems.append(Problem("duplicate-unit", sites[1],
                                    f"{unit} is named by {len(sites)} sites: {', '.join(sites)}",
                                    "keep one site per unit"))
    problems.extend(_missing(province, named))
    return problems


def _province_of(registry: Registry, name: str, units: Units) -> Province:
    candidates = [name] if name else [
        *(s.name for s in registry.sites if s.level == "tinh"), registry.name, registry.inspector]
    for text in candidates:
        found = _province_in(text, units)
        if found:
            return found
    raise RegistryError(f"{registry.path}: cannot tell the province: give --province "
                        "(or a site of level 'tinh' whose name ends with the province's)")


def _province_in(text: str, units: Units) -> Province | None:
    key = unit_key(text or "")
    for province in units.provinces.values():
        name = bare_key(province.name, PROVINCE_TYPES)
        if key == name or key.endswith(" " + name) or f" {name} " in f" {key} ":
            return province
    return None


def _judge_unit(site: Site, province: Province, units: Units) -> tuple[str, list[Problem]]:
    """The unit the site names (its official name, or "") and the problems with it."""
    if site.level == "xa":
        commune = units.commune(province, site.name)
        if commune:
            return commune.name, []
        old = units.old_commune(province, site.name)
        if old:
            if site.status != "active":
                return old.name, []
            return old.name, [Problem(
                "merged", site.id, f"{old.name} ({old.district}) no longer exists since 1 July 2025",
                f"set status = \"merged\"; it became {old.new_name}")]
        return "", [Problem("unknown-name", site.id,
                            f"{site.name!r} matches no commune of {province.name}, now or before 2025",
                            "check the spelling against the official list")]
    if site.level == "huyen":
        district = _old_district(site.name, province, units)
        if district is None:
            return "", [Problem("unknown-name", site.id,
                                f"{site.name!r} matches no former district of {province.name}")]
        if site.status != "active":
            return district[0], []
        communes = sorted({old.new_name for old in district[1]})
        return district[0], [Problem(
            "abolished", site.id, f"{district[0]}: districts were abolished on 1 July 2025",
            f"set status = \"abolished\"; its area is now {province.name}: {', '.join(communes)}")]
    return "", []


def _old_district(name: str, province: Province, units: Units):
    key = unit_key(name)
    for district, communes in units.old_districts(province).items():
        if unit_key(district) == key:
            return district, communes
    return None


def _duplicate_urls(sites: list[Site]) -> list[Problem]:
    by_url: dict[str, list[str]] = defaultdict(list)
    for site in sites:
        by_url[_prefix(site.url)].append(site.id)
    return [Problem("duplicate-url", ids[1], f"{len(ids)} sites share the URL {url}: {', '.join(ids)}",
                    "one site per URL prefix")
            for url, ids in by_url.items() if len(ids) > 1]


def _prefix(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{(parts.hostname or '').lower()}:{parts.port or ''}{path}"


def _domain(site: Site, commune: str, province: Province) -> list[Problem]:
    expected = f"{domain_label(commune)}.{domain_label(province.name)}.gov.vn"
    host = (site.domain or urlsplit(site.url).hostname or "").lower()
    if host == expected:
        return []
    return [Problem("domain", site.id,
                    f"domain {host} does not follow Decree 224/2026 Art. 11(4)(c)",
                    f"expected {expected}")]


def _missing(province: Province, named: dict[str, list[str]]) -> list[Problem]:
    return [Problem("missing", "", f"{commune.name} (code {commune.code}) has no site in the registry",
                    "add it, or note that it has no site")
            for commune in province.communes if commune.name not in named]
