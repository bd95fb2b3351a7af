"""What the report knows about the rules and the rule packs, in the report's language.

The rule catalogue (``auditor.rules.all_rules()``) gives each criterion its title, family,
severity, remedy and legal citation; auditor/judge/applicable.py says which rules judge a site,
so that a rule that never ran there is not reported as passed. A finding whose rule the
catalogue does not know (a rule since renamed, a plug-in) still gets a criterion, built from
the finding row's own title and basis: the report never drops a finding for want of metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from auditor.judge.applicable import pack_in_force, site_criteria
from auditor.judge.config import Config
from auditor.judge.packs import PackError, load_pack
from auditor.judge.law import texts as law_texts
from auditor.reports.i18n import pick
from auditor.rules import all_rules
from auditor.rules.families import family, family_of, family_order

__all__ = ["RuleInfo", "family_name", "family_of", "family_order", "pack_in_force", "regime_text",
           "catalogue_rules", "level_covered", "rule_infos"]


def regime_text(pack: str, lang: str) -> str:
    """The pack's title (its texts and the dates they were in force), then the laws always cited."""
    try:
        title = pick((load_pack(pack).title_vi, load_pack(pack).title_en), lang)
    except PackError:  # an audit recorded with a pack this installation does not have
        title = pack
    return f"{title}; " + "; ".join(pick(names, lang) for names in ALWAYS_APPLICABLE)


# The laws cited under every regime, named after the regime's own texts (RULES.md, "Which law
# applies"): their Vietnamese names come from the law data (rules/law/texts.toml).
_ALWAYS = (("LAW104", "Access to Information Law 104/2016/QH13"), ("ND13", "Decree 13/2018/NĐ-CP"),
           ("QC2025", "Advertising Law 16/2012/QH13 (as amended by Law 75/2025/QH15)"),
           ("IP50", "Law on Intellectual Property 50/2005/QH11"))
ALWAYS_APPLICABLE = tuple((law_texts()[key].name, english) for key, english in _ALWAYS)


@dataclass(frozen=True)
class RuleInfo:
    """A criterion as the report shows it."""

    id: str
    family: str
    severity: str
    title: str  # the criterion, as the checklist names it ("Có chuyên mục ...")
    failure: str  # how a failed criterion reads ("Thiếu chuyên mục ...")
    remedy: str  # "" when the catalogue does not know the rule
    basis: str  # the citation under the audit's pack
    known: bool
    browser: bool = False  # judged by the browser pass (axe-core): "không xác định" where it did not run


def family_name(code: str, lang: str) -> str:
    return pick(family(code).name, lang)


def catalogue_rules(pack: str, site_row: dict, rule_levels: dict[str, str] | None = None,
                    day=None) -> list:
    """The rules judged on this site under the pack, the user's config (``rule_levels``, recorded
    with the audit) applied: auditor/judge/applicable.py's ``site_criteria``."""
    try:
        chosen = load_pack(pack)
    except PackError:
        return []
    return site_criteria(chosen, Config(rules=dict(rule_levels or {})), site_row["level"],
                         site_row["registry_status"] or "active", day)


def level_covered(pack: str, level: str) -> bool:
    """Whether the regime's own texts govern sites of this level (Decree 43/2011 did not cover
    communes, Decree 224/2026 no longer has districts)."""
    try:
        return load_pack(pack).level(level).covered
    except PackError:
        return True


def info_from_rule(rule, pack: str, lang: str, severity: str = "", level: str = "") -> RuleInfo:
    """``severity``: the one the user's config sets for the rule, if any; ``level``: the site's
    level, so that the criterion cites what binds this site, not every level's basis."""
    title = rule.title_vi if lang == "vi" else (rule.title_en or rule.title_vi)
    remedy = rule.remedy_vi if lang == "vi" else (rule.remedy_en or rule.remedy_vi)
    if lang == "vi":
        failure = getattr(rule, "failure_vi", "") or title
    else:
        failure = getattr(rule, "failure_en", "") or f"Not met: {title[:1].lower()}{title[1:]}"
    return RuleInfo(id=rule.id, family=rule.family, severity=severity or rule.severity, title=title,
                    failure=failure, remedy=remedy or "", basis=rule.citation(pack, lang, level), known=True,
                    browser=rule.scope == "browser")


def info_from_finding(row: dict) -> RuleInfo:
    """A criterion for a rule the catalogue does not know: the finding speaks for itself."""
    return RuleInfo(id=row["rule"], family=family_of(row["rule"]), severity=row["severity"] or "error",
                    title=row["title"] or row["rule"], failure=row["title"] or row["rule"],
                    remedy="", basis=row["basis"] or "",
                    known=False)


def rule_infos(pack: str, site_row: dict, lang: str, site_rows: list[dict], audit_rows: list[dict],
               rule_levels: dict[str, str] | None = None, day=None) -> dict[str, RuleInfo]:
    """Every criterion of a site: the rules the engine judges there, the rules its own findings
    name, and rules the catalogue does not know that fired anywhere in the audit (they ran, so
    a site without their findings passed them)."""
    level = site_row["level"]
    infos = dict(_catalogue_infos(pack, level, site_row["registry_status"] or "active", lang,
                                  tuple(sorted((rule_levels or {}).items())), day))
    known = _known_rules()
    extra = list(site_rows) + [row for row in audit_rows if row["rule"] not in known]
    for row in extra:
        if row["rule"] in infos:
            continue
        rule = known.get(row["rule"])
        infos[row["rule"]] = info_from_rule(rule, pack, lang, level=level) if rule else info_from_finding(row)
    return dict(sorted(infos.items(), key=lambda item: (family_order(item[1].family), item[0])))


@lru_cache(maxsize=64)
def _catalogue_infos(pack: str, level: str, registry_status: str, lang: str,
                     rule_levels: tuple[tuple[str, str], ...], day) -> tuple[tuple[str, RuleInfo], ...]:
    """The catalogue's criteria of every site of this level and status: computed once per audit,
    not once per site (the reports assess thousands of sites, some twice)."""
    levels = dict(rule_levels)
    config = Config(rules=levels)
    site = {"level": level, "registry_status": registry_status}
    return tuple((rule.id, info_from_rule(rule, pack, lang, config.severity(rule.id), level))
                 for rule in catalogue_rules(pack, site, levels, day))


def _known_rules() -> dict:
    """Every rule by its id and its former ids (a finding stored before a renaming)."""
    return {rule_id: rule for rule in all_rules() for rule_id in (rule.id, *rule.aliases)}
