"""The user's config file (TOML, e.g. ``auditor.toml``, passed with ``--config``): one place that
``auditor audit``, ``auditor rules`` and the ``auditor check`` gate all read.

Schema (every table optional)::

    pack = "nd42-2022"             # the rule pack, unless --pack or the registry names one

    [rules]                        # per rule, as Lighthouse CI assertions: off | warn | error
    "ADS-002" = "off"              #   off: the rule does not run, nothing is reported
    "MED-004" = "warn"             #   warn: its findings are warnings (reported, never failing)
    "FRS-001" = { level = "error" }   # error: its findings are errors (the `check` gate fails)

    [thresholds]                   # override the pack's: a number for every level, or per level
    news_max_age_days = { xa = 45 }
    section_min_chars = 120

    [lists]                        # ADDED to the pack's lists (see rules/packs/_common.toml)
    press_domains = ["baomoi.com"]
    gambling_terms = ["xóc đĩa online"]
    public_domains = ["hoinongdan.org.vn"]
    ad_hosts = ["||quangcao.example.vn^"]      # EasyList network filters
    easylist_files = ["easylist.txt", "abpvn.txt"]   # EasyList/ABPVN files, relative to this file
    video_allow = ["https://www.youtube.com/embed/AbCdEf"]

    [gate]                         # read by `auditor check` (fail_on, baseline ...); kept as given

Any mistake (unknown rule, level, threshold or list, a missing file) is a ``UsageError`` naming
the file and the line, so the command exits with 2 before anything is crawled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import UsageError, read_toml
from auditor.judge.packs import PackError, per_level, read_list_file
from auditor.rules import current_id

# The config's levels (Lighthouse CI's) and the severity each gives a rule's findings.
LEVELS = {"off": "off", "warn": "warning", "error": "error"}
RULE_TABLE_KEYS = {"level"}
TOP_KEYS = {"pack", "rules", "thresholds", "lists", "gate"}
FILE_LISTS = {"easylist_files"}


class ConfigError(UsageError):
    """The config file cannot be used as written."""


@dataclass(frozen=True)
class Config:
    path: str = ""
    pack: str = ""
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> off | warn | error
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # name -> level -> value
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # additions to the pack's
    gate: dict = field(default_factory=dict)  # the `check` gate's own table, unvalidated here

    def level(self, rule_id: str) -> str:
        """The user's level for a rule (off, warn, error): "" when the config leaves it alone."""
        return self.rules.get(rule_id, "")

    def severity(self, rule_id: str) -> str:
        """The severity the config gives the rule's findings: "" for the rule's own."""
        level = self.level(rule_id)
        return LEVELS[level] if level and level != "off" else ""

    def enabled(self, rule_id: str) -> bool:
        return self.level(rule_id) != "off"


def load_config(path: str | Path | None, known_rules: set[str] | None = None,
                known_thresholds: set[str] | None = None,
                known_lists: set[str] | None = None) -> Config:
    """Read and validate a config file; ``None`` gives the empty config.

    The ``known_*`` sets default to every rule, the thresholds and the lists of the shipped packs.
    """
    if path is None or str(path) == "":
        return Config()
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    raw, text = read_toml(path, ConfigError, "config file")
    known_rules, known_thresholds, known_lists = _known(known_rules, known_thresholds, known_lists)
    where = _Where(path, text)
    unknown = set(raw) - TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{where(key)}: unknown key {key!r} (expected {', '.join(sorted(TOP_KEYS))})")
    return Config(
        path=str(path),
        pack=_string(raw.get("pack", ""), where("pack")),
        rules=_rules(raw.get("rules", {}), known_rules, where),
        thresholds=_thresholds(raw.get("thresholds", {}), known_thresholds, where),
        lists=_lists(raw.get("lists", {}), known_lists, where),
        gate=_table(raw.get("gate", {}), where("gate")),
    )


class _Where:
    """``file:line`` of the first line that mentions a key: errors point where to look."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()

    def __call__(self, key: str) -> str:
        pattern = re.compile(rf"(^|[\s\[.\"']){re.escape(key)}([\s\].\"'=]|$)")
        for number, line in enumerate(self.lines, start=1):
            if pattern.search(line.split("#", 1)[0]):
                return f"{self.path}:{number}"
        return str(self.path)


def _known(rules, thresholds, lists) -> tuple[set[str], set[str], set[str]]:
    if rules is None:
        from auditor.rules import all_rules

        rules = {rule_id for rule in all_rules() for rule_id in (rule.id, *rule.aliases)}
    if thresholds is None or lists is None:
        from auditor.judge.packs import available_packs, load_pack

        packs = [load_pack(pack_id) for pack_id in available_packs()]
        thresholds = thresholds or {name for p in packs for name in p.thresholds}
        lists = lists or {name for p in packs for name in p.lists} | FILE_LISTS
    return set(rules), set(thresholds), set(lists)


def _table(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def _string(value, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, got {value!r}")
    return value


def _rules(table, known: set[str], where: _Where) -> dict[str, str]:
    """``"ID" = "warn"`` or ``"ID" = { level = "warn" }`` (the table form leaves room for more)."""
    out = {}
    for rule_id, value in _table(table, where("rules")).items():
        if rule_id.upper() not in known:
            raise ConfigError(f"{where(rule_id)}: unknown rule {rule_id!r} (see `auditor rules`)")
        if isinstance(value, dict):
            unknown = set(value) - RULE_TABLE_KEYS
            if unknown:
                raise ConfigError(f"{where(rule_id)}: rule {rule_id}: unknown keys "
                                  f"{', '.join(sorted(unknown))} (expected level)")
            if "level" not in value:
                continue
            value = value["level"]
        if not isinstance(value, str) or value.lower() not in LEVELS:
            raise ConfigError(f"{where(rule_id)}: rule {rule_id}: unknown level {value!r} "
                              f"(expected off, warn or error)")
        out[current_id(rule_id.upper())] = value.lower()  # a former id names the rule it became
    return out


def rule_levels(config: Config) -> dict[str, str]:
    """Rule id -> off | warn | error: the per-rule levels the `check` gate applies."""
    return dict(config.rules)


def _thresholds(table, known: set[str], where: _Where) -> dict[str, dict[str, float]]:
    out = {}
    for name, value in _table(table, where("thresholds")).items():
        if name not in known:
            raise ConfigError(f"{where(name)}: unknown threshold {name!r} "
                              f"(known: {', '.join(sorted(known))})")
        try:
            out[name] = per_level(value, f"threshold {name}")
        except PackError as error:
            raise ConfigError(f"{where(name)}: {error}") from None
        if isinstance(value, dict):  # only the levels given: the pack keeps the others
            out[name] = {level: out[name][level] for level in value}
    return out


def _lists(table, known: set[str], where: _Where) -> dict[str, tuple[str, ...]]:
    out = {}
    for name, entries in _table(table, where("lists")).items():
        if name not in known:
            raise ConfigError(f"{where(name)}: unknown list {name!r} (known: {', '.join(sorted(known))})")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise ConfigError(f"{where(name)}: list {name!r} must be a list of strings")
        if name in FILE_LISTS:
            out[name] = tuple(_existing_file(where, name, entry) for entry in entries)
        else:
            out[name] = tuple(e.strip() for e in entries if e.strip())
    return out


def _existing_file(where: _Where, name: str, entry: str) -> str:
    path = Path(entry).expanduser()
    if not path.is_absolute():
        path = where.path.parent / path
    if not path.is_file():
        raise ConfigError(f"{where(entry)}: {name}: no such file {path}")
    return str(path)


def read_easylist_files(config: Config) -> list[str]:
    """The lines of the user's EasyList/ABPVN files, for the ad engine."""
    lines: list[str] = []
    for file in config.lists.get("easylist_files", ()):
        lines.extend(read_list_file(Path(file), f"{config.path}: easylist_files"))
    return lines
