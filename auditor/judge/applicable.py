"""Which rules apply: the one place that says which pack an audit runs and which of its rules judge
a site. The engine, ``auditor rules``, the SARIF catalogue and the report's checklist all ask here.

- The pack: the first one named (a stored audit's, the command line's, the registry's, the
  user's config), else the regime in force on the audit date.
- The audit date: the one forced (AUDITOR_AUDIT_DATE, a test's), else the local day the audit
  started, else today.
- A rule runs under a pack unless the pack excludes it, it belongs to other regimes
  (``regimes``), or the user's config sets it ``off``.
- It judges a site unless the unit is abolished or merged and the rule asks for completeness or
  freshness (``judges_abolished = False``), or the regime does not cover the site's level and no
  always-applicable law backs the rule.
- A pack must hold every threshold and list its rules declare (``limits``, ``lists``): one that
  does not is refused at start-up, naming the pack, rather than failing rule by rule mid-audit.
"""

from __future__ import annotations

from datetime import date, datetime

from auditor.judge import law
from auditor.judge.config import Config
from auditor.judge.packs import Pack, PackError, pack_for_date, resolve_pack
from auditor.statuses import ABOLISHED
from auditor.registry import LEVELS
from auditor.rules import all_rules
from auditor.rules.base import Rule


def chosen_pack(day: date, *wanted: str) -> Pack:
    """The first pack named in ``wanted`` (highest precedence first), else the one in force on ``day``."""
    return resolve_pack(next((pack_id for pack_id in wanted if pack_id), ""), day)


def pack_in_force(day: date) -> str:
    """The regime in force on a day: the pack of an audit that recorded none."""
    return pack_for_date(day).id


def audit_day(forced: str | date | None = None, started: str | None = None) -> date:
    """The day an audit is judged as of: the one forced, else the local day it started, else today."""
    if isinstance(forced, date):
        return forced
    if forced:
        return date.fromisoformat(str(forced))
    if started:
        return datetime.fromisoformat(started).astimezone().date()
    return date.today()


def in_pack(rule: Rule, pack: Pack) -> bool:
    """Whether the rule belongs to the pack's regime: not excluded, and its regimes include it."""
    return rule.id not in pack.exclude_rules and (not rule.regimes or pack.id in rule.regimes)


def pack_rules(pack: Pack, config: Config | None = None) -> tuple[Rule, ...]:
    """The rules that run under the pack, by id; with a config, without those it sets ``off``."""
    return tuple(rule for rule in all_rules()
                 if in_pack(rule, pack) and (config is None or config.enabled(rule.id)))


def judges_site(rule: Rule, pack: Pack, level: str, site_status: str,
                judgement: "law.Judgement | None" = None, day: date | None = None) -> bool:
    """Whether a rule that runs under the pack judges a site of this level and registry status:
    the law data says so for the level on the day (auditor/judge/law.py: a citation in force that
    binds it, or a quality criterion judged everywhere), and the unit is not abolished (or the
    rule judges abolished units too). ``judgement``: the law's, when the caller keeps it."""
    if site_status in ABOLISHED and not rule.judges_abolished:
        return False
    if judgement is None:
        law_day = law.law_date(day or date.today(), pack.in_force_from, pack.in_force_to)
        judgement = law.judge(rule.law_id, law_day, level, rule.id in pack.level(level).recommended)
    return law.runs_on(rule.law_id, judgement, pack.level(level).covered)


def site_criteria(pack: Pack, config: Config, level: str, site_status: str,
                  day: date | None = None) -> list[Rule]:
    """The criteria of one site on the audit's day: the rules that judge it, and of the sections
    only those the level must or should have. A rule outside this list is not a criterion there:
    "passed" would be untrue."""
    judged = pack.level(level).judged_sections
    return [rule for rule in pack_rules(pack, config)
            if judges_site(rule, pack, level, site_status, day=day)
            and (rule.family != "SEC" or rule.id in judged)]


def level_limits(pack: Pack, config: Config, level: str) -> dict[str, float]:
    """The thresholds at a level: the pack's, the user's config overriding them."""
    limits = pack.limits_for(level)
    for name, per_level in config.thresholds.items():
        if level in per_level:
            limits[name] = per_level[level]
    return limits


def word_lists(pack: Pack, config: Config) -> dict[str, tuple[str, ...]]:
    """The word and domain lists: the pack's, with the user's config's entries added."""
    lists = dict(pack.lists)
    for name, added in config.lists.items():
        if name != "easylist_files":
            lists[name] = tuple(dict.fromkeys(lists.get(name, ()) + added))
    return lists


def missing_requirements(pack: Pack, config: Config | None = None) -> list[str]:
    """What the pack's rules declare (``limits``, ``lists``) that the pack, with the config, lacks."""
    config = config or Config()
    limits = {level: level_limits(pack, config, level) for level in LEVELS}
    lists = word_lists(pack, config)
    missing = []
    for rule in pack_rules(pack, config):
        for name in rule.limits:
            levels = [level for level in LEVELS if name not in limits[level]]
            if levels:
                missing.append(f"{rule.id} needs threshold {name!r} (missing for {', '.join(levels)})")
        missing += [f"{rule.id} needs list {name!r}" for name in rule.lists if name not in lists]
    return missing


def check_requirements(pack: Pack, config: Config | None = None) -> None:
    """Refuse a pack that lacks a threshold or list its rules declare (a usage error: exit 2)."""
    missing = missing_requirements(pack, config)
    if missing:
        raise PackError(f"rule pack {pack.id!r} ({pack.path or 'built in'}) cannot run its rules: "
                        + "; ".join(missing))
