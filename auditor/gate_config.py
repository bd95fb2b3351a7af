"""Per-rule gate levels from the user's config file, in the manner of Lighthouse CI assertions.

    [rules]
    "ADS-002" = "warn"              # reported, never fails the gate
    "TEC-003" = "off"               # not reported at all
    "FTR-003" = { level = "error" } # fails the gate whatever its severity

Only the ``[rules]`` table is read here, and in it only the levels: the rest of the file
(thresholds, lists, severities) belongs to the rule engine's config.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from auditor.errors import UsageError
from auditor.gate import RULE_LEVELS


def rule_levels(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read the config file: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise UsageError(f"{path}: [rules] must be a table of rule ids")
    levels = {}
    for rule_id, value in rules.items():
        level = value.get("level") if isinstance(value, dict) else value
        if level is None:
            continue  # a table that only tunes the rule: no gate level
        if level not in RULE_LEVELS:
            raise UsageError(f"{path}: [rules] {rule_id}: level {level!r} is not one of "
                             f"{', '.join(RULE_LEVELS)}")
        levels[rule_id.upper()] = level
    return levels
