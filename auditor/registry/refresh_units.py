"""Rebuild the official list of administrative units (data/units-2025.csv, data/units-legacy.csv.gz).

Run by hand when the list changes, never at audit time:

    pip download --no-deps vietnamadminunits && unzip vietnamadminunits-*.whl -d /tmp/vau
    python -m auditor.registry.refresh_units /tmp/vau/vietnamadminunits/data

The source is the MIT-licensed package ``vietnamadminunits`` (Tran Ngoc Minh Hieu), whose tables
follow the General Statistics Office's list after the 2025 reform (34 provinces, 3,321 communes)
and the list before it (63 provinces, about 10,000 communes) with the mapping between them. Only
the names and codes are kept: the auditor does not depend on the package, whose runtime pulls in
shapely and geopy for what is here a lookup table.
"""

from __future__ import annotations

import csv
import gzip
import json
import sqlite3
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def refresh(source: Path, target: Path = DATA) -> tuple[int, int]:
    db = sqlite3.connect(source / "dataset.db")
    converter = json.loads((source / "converter_2025.json").read_text(encoding="utf-8"))
    units = db.execute(
        "select provinceCode, province, wardCode, ward, provinceKey, wardKey from admin_units"
        " order by provinceCode, wardCode").fetchall()
    new_names = {(p_key, w_key): ward for _, _, _, ward, p_key, w_key in units}
    province_names = {p_key: province for _, province, _, _, p_key, _ in units}
    with (target / "units-2025.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["province_code", "province", "ward_code", "ward"])
        out.writerows(row[:4] for row in units)
    replaced_by = _replacements(converter, new_names, province_names)
    legacy = db.execute(
        "select province, district, ward, provinceKey, districtKey, wardKey from admin_units_legacy"
        " order by provinceCode, districtCode, wardCode").fetchall()
    with gzip.open(target / "units-legacy.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["province", "district", "ward", "new_province", "new_ward"])
        for province, district, ward, p_key, d_key, w_key in legacy:
            new_province, new_ward = replaced_by.get(f"{p_key}_{d_key}_{w_key}", ("", ""))
            out.writerow([province, district, ward, new_province, new_ward])
    return len(units), len(legacy)


def _replacements(converter: dict, new_names: dict, province_names: dict) -> dict[str, tuple[str, str]]:
    """Old ward key -> (new province, new ward): the whole old ward, or for a divided one the
    part the converter calls the default."""
    found: dict[str, tuple[str, str]] = {}
    for p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            for old in old_keys:
                found[old] = (province_names[p_key], new_names[(p_key, w_key)])
    for p_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            default = next((p for p in parts if p.get("isDefaultNewWard")), parts[0])
            found[old] = (province_names[p_key], new_names[(p_key, default["newWardKey"])])
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m auditor.registry.refresh_units DATA_FOLDER_OF_vietnamadminunits")
    print("units: %d now, %d before the reform" % refresh(Path(sys.argv[1])))
