"""The official list of administrative units after the 2025 reform, and the list before it.

``data/units-2025.csv``: the 34 provinces and their 3,321 communes (xã, phường, đặc khu) with the
General Statistics Office's codes; ``data/units-legacy.csv.gz``: every commune of the 63 provinces
before 1 July 2025, with its district and the commune that replaced it. Both are rebuilt by
``refresh_units.py`` (source, date and licence there); nothing here reaches the network.

Names are matched folded (``rules/_text.fold``: no case, no diacritics), with or without the
type word: "UBND xã Hướng Lập", "Xã Hướng Lập" and "huong lap" name the same unit.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from auditor.rules._text import fold

DATA = Path(__file__).parent / "data"
SOURCE = "vietnamadminunits 1.0.4 (MIT), danh mục của Tổng cục Thống kê, 2025-08"

# Words that name the body or the site, not the unit: "UBND xã A", "Cổng TTĐT tỉnh B".
_AGENCY_WORDS = re.compile(
    r"^(?:(?:cong|trang) (?:thong tin )?(?:dien tu|ttdt)|website|uy ban nhan dan|ubnd|hdnd|"
    r"dang uy|cong an)\s+")
_REMARKS = re.compile(r"\([^)]*\)")
COMMUNE_TYPES = ("xa", "phuong", "dac khu", "thi tran")
DISTRICT_TYPES = ("huyen", "quan", "thi xa", "thanh pho")
PROVINCE_TYPES = ("tinh", "thanh pho")


def unit_key(name: str) -> str:
    """The folded name without the agency words and remarks in brackets:
    "UBND xã Hướng Lập (cũ)" -> "xa huong lap"."""
    key = fold(_REMARKS.sub(" ", name))
    while True:
        shorter = _AGENCY_WORDS.sub("", key)
        if shorter == key:
            return key
        key = shorter


def bare_key(name: str, types: tuple[str, ...] = COMMUNE_TYPES + DISTRICT_TYPES + PROVINCE_TYPES) -> str:
    """The unit's own name, folded, without its type word: "Phường Đông Hà" -> "dong ha"."""
    key = unit_key(name)
    for word in sorted(types, key=len, reverse=True):
        if key.startswith(word + " "):
            return key[len(word) + 1:]
    return key


def domain_label(name: str) -> str:
    """The label of a unit in a gov.vn domain (Decree 224/2026 Art. 11(4)(c)): its full name
    without diacritics, type word and spaces: "Xã Hướng Lập" -> "huonglap"."""
    return bare_key(name).replace(" ", "")


@dataclass(frozen=True, slots=True)
class Commune:
    province: str
    name: str  # with its type: "Xã Hướng Lập"
    code: str = ""


@dataclass(frozen=True, slots=True)
class OldCommune:
    province: str
    district: str  # "Huyện Hướng Hóa"
    name: str
    new_province: str
    new_name: str  # the commune that replaced it (its main part, when it was divided)


@dataclass
class Province:
    name: str  # "Tỉnh Quảng Trị"
    code: str
    communes: list[Commune] = field(default_factory=list)


@dataclass
class Units:
    provinces: dict[str, Province]  # bare key ("quang tri") -> province
    old_communes: list[OldCommune]

    def province(self, name: str) -> Province | None:
        return self.provinces.get(bare_key(name, PROVINCE_TYPES))

    def commune(self, province: Province, name: str) -> Commune | None:
        key, bare = unit_key(name), bare_key(name)
        exact = [c for c in province.communes if unit_key(c.name) == key]
        if exact:
            return exact[0]
        loose = [c for c in province.communes if bare_key(c.name) == bare]
        return loose[0] if len(loose) == 1 else None

    def old_districts(self, province: Province) -> dict[str, list[OldCommune]]:
        """The districts whose communes now lie in the province, each with its old communes."""
        found: dict[str, list[OldCommune]] = {}
        for old in self.old_communes:
            if old.new_province == province.name:
                found.setdefault(old.district, []).append(old)
        return found

    def old_commune(self, province: Province, name: str) -> OldCommune | None:
        key, bare = unit_key(name), bare_key(name)
        candidates = [o for o in self.old_communes if o.new_province == province.name]
        exact = [o for o in candidates if unit_key(o.name) == key]
        loose = exact or [o for o in candidates if bare_key(o.name) == bare]
        return loose[0] if len({o.new_name for o in loose}) == 1 and loose else None


@lru_cache(maxsize=1)
def official_units() -> Units:
    provinces: dict[str, Province] = {}
    with (DATA / "units-2025.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = bare_key(row["province"], PROVINCE_TYPES)
            province = provinces.setdefault(key, Province(row["province"], row["province_code"]))
            province.communes.append(Commune(row["province"], row["ward"], row["ward_code"]))
    with gzip.open(DATA / "units-legacy.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        old = [OldCommune(r["province"], r["district"], r["ward"], r["new_province"], r["new_ward"])
               for r in csv.DictReader(io.StringIO(handle.read()))]
    return Units(provinces, old)
