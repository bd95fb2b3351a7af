"""The rule catalogue: every module here named like ``ads_003_gambling.py`` holds one Rule.

``all_rules()`` discovers them, so adding a rule is adding a file (and its cases,
tests/rules/<ID>.toml). A rule renamed keeps its former ids in ``aliases``: findings stored,
baselined or waived under a former id still match it (``current_id``, ``fingerprint_id``).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from auditor.rules.base import Rule


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """One instance of every rule, ordered by id."""
    found: dict[str, Rule] = {}
    for module_info in pkgutil.iter_modules(__path__):
        name = module_info.name
        if name.startswith("_") or name == "base" or "_" not in name:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule \
                    and value.__module__ == module.__name__:
                rule = value()
                if rule.id in found:
                    raise RuntimeError(f"two rules claim the id {rule.id}: {name}")
                found[rule.id] = rule
    return tuple(sorted(found.values(), key=lambda rule: rule.id))


def rule_by_id(rule_id: str) -> Rule:
    """The rule of this id, or of this former id."""
    return _by_any_id(all_rules())[rule_id.upper()]


def current_id(rule_id: str) -> str:
    """The id a rule has now, for any id it has had; an id no rule claims is itself."""
    rule = _by_any_id(all_rules()).get(rule_id.upper())
    return rule.id if rule else rule_id


def former_ids(rule_id: str) -> tuple[str, ...]:
    """Every id of the rule known by ``rule_id``: the current one, then its aliases."""
    rule = _by_any_id(all_rules()).get(rule_id.upper())
    return (rule.id, *rule.aliases) if rule else (rule_id,)


def fingerprint_id(rule_id: str) -> str:
    """The id a finding is fingerprinted with: the rule's first id (its oldest alias), so that a
    renaming changes no fingerprint and history, baselines and waivers keep matching."""
    rule = _by_any_id(all_rules()).get(rule_id)
    return rule.aliases[0] if rule and rule.aliases else rule_id


@lru_cache(maxsize=4)  # keyed by the catalogue itself: a test may swap in a renamed rule
def _by_any_id(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    ids: dict[str, Rule] = {}
    for rule in rules:
        for rule_id in (rule.id, *rule.aliases):
            if rule_id in ids:
                raise RuntimeError(f"two rules claim the id {rule_id}: {ids[rule_id].id} and {rule.id}")
            ids[rule_id] = rule
    return ids
