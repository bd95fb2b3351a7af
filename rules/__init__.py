"""The rule catalogue: every module here named like ``ads_003_gambling.py`` holds one Rule.

``all_rules()`` discovers them, so adding a rule is adding a file.
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
    for rule in all_rules():
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)
