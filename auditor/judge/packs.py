"""Rule packs: the data of one legal regime (RULES.md), read from ``rules/packs/*.toml``.

A pack names its regime (id, titles, in-force dates, documents), which sections each level of
government must have, staleness limits and other thresholds per level, and the word and domain
lists the rules read. Packs share what does not change with the law (the labels real sites give
their sections, the press and ad domains) through ``extends = "_common"``: tables are merged key
by key, anything else is replaced.

Schema of a pack file (every key optional in ``_common.toml``, which packs extend)::

    id = "nd224-2026"                    # the file's stem
    extends = "_common"                  # another pack file, merged under this one
    predecessor = "nd42-2022"            # the regime this one replaced (citations fall back to it)
    title_vi = "..." / title_en = "..."
    in_force_from = 2026-07-01           # TOML dates; in_force_to absent: still in force
    documents = ["Nghị định 224/2026/NĐ-CP", ...]
    exclude_rules = ["TEC-002"]          # rules that do not apply under the regime
    [levels.xa]                          # tinh | huyen | xa
    covered = true                       # false: the regime's texts do not cover the level; only
                                         #   rules backed by always-applicable laws run there
    sections = ["SEC-001", ...]          # mandatory sections of the level
    recommended = ["SEC-002", ...]       # sections judged as recommendations (at most warnings)
    [sections.SEC-001]                   # how a section is recognised
    name_vi = "Giới thiệu" / name_en = "Introduction"
    labels = ["Giới thiệu", ...]         # navigation labels and page titles (case, diacritics
                                         #   and NFC/NFD do not matter)
    slugs = ["gioi-thieu", ...]          # URL path segments
    [thresholds]                         # a number for every level, or a table per level
    news_max_age_days = { tinh = 7, huyen = 15, xa = 30 }
    [lists]                              # word and domain lists; "@data/file.txt" reads a file of
    press_domains = ["@data/press_domains.txt", "baomoi.com"]   # rules/ (one entry a line, # comments)
    [data]                               # free-form flags for the rules (RuleContext.data)

The default pack is the regime in force on the audit date (``pack_for_date``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import auditor.rules
from auditor.errors import UsageError, read_toml
from auditor.registry import LEVELS

RULES_DIR = Path(auditor.rules.__file__).parent  # rules/ of the source tree, installed as auditor.rules
PACKS_DIR = RULES_DIR / "packs"

PACK_KEYS = {"id", "extends", "predecessor", "title_vi", "title_en", "in_force_from",
             "in_force_to", "documents", "exclude_rules", "levels", "sections", "thresholds",
             "lists", "data"}


class PackError(UsageError):
    """A pack file or a pack id that cannot be used."""


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # the SEC rule that requires it
    name_vi: str
    name_en: str
    labels: tuple[str, ...]
    slugs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LevelSpec:
    covered: bool = True
    sections: tuple[str, ...] = ()
    recommended: tuple[str, ...] = ()  # judged, but no text in force requires them

    @property
    def judged_sections(self) -> tuple[str, ...]:
        return self.sections + tuple(s for s in self.recommended if s not in self.sections)


@dataclass(frozen=True)
class Pack:
    id: str
    title_vi: str
    title_en: str
    in_force_from: date
    in_force_to: date | None
    documents: tuple[str, ...]
    predecessor: str = ""
    exclude_rules: frozenset[str] = frozenset()
    levels: dict[str, LevelSpec] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> level -> value
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    path: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def level(self, level: str) -> LevelSpec:
        return self.levels.get(level, LevelSpec(covered=False))

    def limits_for(self, level: str) -> dict[str, float]:
        return {name: per_level[level] for name, per_level in self.thresholds.items()
                if level in per_level}


def available_packs() -> list[str]:
    """Pack ids, oldest regime first (files starting with "_" are shared parts, not packs)."""
    packs = [load_pack(p.stem) for p in PACKS_DIR.glob("*.toml") if not p.stem.startswith("_")]
    return [p.id for p in sorted(packs, key=lambda p: p.in_force_from)]


def pack_for_date(day: date) -> Pack:
    """The regime in force on ``day``: before the first, the first; after the last, the last."""
    packs = [load_pack(pack_id) for pack_id in available_packs()]
    for pack in packs:
        if pack.in_force_on(day):
            return pack
    return packs[0] if day < packs[0].in_force_from else packs[-1]


def resolve_pack(pack_id: str, day: date) -> Pack:
    """The pack asked for by id, or the one in force on ``day`` when no id is given."""
    if not pack_id:
        return pack_for_date(day)
    if pack_id not in available_packs():
        raise PackError(f"unknown rule pack {pack_id!r} (known: {', '.join(available_packs())})")
    return load_pack(pack_id)


@lru_cache(maxsize=None)
def lineage(pack_id: str) -> tuple[str, ...]:
    """The pack and the regimes before it, newest first: where a citation falls back to."""
    chain = [pack_id]
    while len(chain) < 10:
        path = PACKS_DIR / f"{chain[-1]}.toml"
        if not path.is_file():
            break
        predecessor = _read(path).get("predecessor", "")
        if not predecessor or predecessor in chain:
            break
        chain.append(predecessor)
    return tuple(chain)


@lru_cache(maxsize=None)
def load_pack(pack_id: str) -> Pack:
    path = PACKS_DIR / f"{pack_id}.toml"
    if not path.is_file():
        raise PackError(f"unknown rule pack {pack_id!r}: no {path}")
    raw = _merged(path, seen=())
    return _build(pack_id, path, raw)


def _read(path: Path) -> dict:
    return read_toml(path, PackError, "rule pack")[0]


def _merged(path: Path, seen: tuple[str, ...]) -> dict:
    raw = _read(path)
    unknown = set(raw) - PACK_KEYS
    if unknown:
        raise PackError(f"{path}: unknown keys: {', '.join(sorted(unknown))}")
    parent = raw.get("extends")
    if not parent:
        return raw
    if parent in seen:
        raise PackError(f"{path}: `extends` loops through {parent!r}")
    base_path = path.parent / f"{parent}.toml"
    if not base_path.is_file():
        raise PackError(f"{path}: extends {parent!r}, which does not exist")
    return deep_merge(_merged(base_path, seen + (path.stem,)), raw)


def deep_merge(base: dict, over: dict) -> dict:
    """Tables merge key by key; anything else in ``over`` replaces what ``base`` had."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(pack_id: str, path: Path, raw: dict) -> Pack:
    try:
        return Pack(
            id=raw.get("id", pack_id),
            title_vi=raw["title_vi"], title_en=raw["title_en"],
            in_force_from=raw["in_force_from"], in_force_to=raw.get("in_force_to"),
            documents=tuple(raw.get("documents", ())),
            predecessor=raw.get("predecessor", ""),
            exclude_rules=frozenset(raw.get("exclude_rules", ())),
            levels={level: LevelSpec(covered=spec.get("covered", True),
                                     sections=tuple(spec.get("sections", ())),
                                     recommended=tuple(spec.get("recommended", ())))
                    for level, spec in raw.get("levels", {}).items()},
            sections={sid: Section(id=sid, name_vi=spec["name_vi"], name_en=spec["name_en"],
                                   labels=tuple(spec.get("labels", ())),
                                   slugs=tuple(spec.get("slugs", ())))
                      for sid, spec in raw.get("sections", {}).items()},
            thresholds={name: per_level(value, f"{path}: thresholds.{name}")
                        for name, value in raw.get("thresholds", {}).items()},
            lists={name: read_list(entries, path.parent.parent, f"{path}: lists.{name}")
                   for name, entries in raw.get("lists", {}).items()},
            data=dict(raw.get("data", {})),
            path=str(path),
        )
    except KeyError as error:
        raise PackError(f"{path}: missing key {error}") from None


def per_level(value, where: str, base: dict[str, float] | None = None) -> dict[str, float]:
    """A threshold as a value per level: a number for all levels, or a table of some."""
    out = dict(base or {})
    if isinstance(value, bool) or not isinstance(value, (int, float, dict)):
        raise PackError(f"{where}: expected a number or a table of levels, got {value!r}")
    if not isinstance(value, dict):
        return {level: float(value) for level in LEVELS}
    for level, number in value.items():
        if level not in LEVELS:
            raise PackError(f"{where}: unknown level {level!r} (expected one of {', '.join(LEVELS)})")
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise PackError(f"{where}.{level}: expected a number, got {number!r}")
        out[level] = float(number)
    return out


def read_list(entries, base_dir: Path, where: str) -> tuple[str, ...]:
    """A list's entries; "@path" entries read a file (relative to ``base_dir``) of one entry a line."""
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise PackError(f"{where}: expected a list of strings")
    out: list[str] = []
    for entry in entries:
        if entry.startswith("@"):
            out.extend(read_list_file(base_dir / entry[1:], where))
        elif entry.strip():
            out.append(entry.strip())
    return tuple(dict.fromkeys(out))  # unique, in order


def read_list_file(path: Path, where: str) -> list[str]:
    if not path.is_file():
        raise PackError(f"{where}: no such file {path}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
