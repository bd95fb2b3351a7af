"""What the report knows about the rules and the rule packs, in the report's language.

The rule catalogue (``auditor.rules.all_rules()``) gives each criterion its title, family,
severity, remedy and legal citation. A finding whose rule the catalogue does not know (a rule
since renamed, a plug-in) still gets a criterion, built from the finding row's own title and
basis: the report never drops a finding for want of metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditor.reports.i18n import pick

# Legal regimes (RULES.md, "Which law applies"): the pack id, when it took effect, its texts.
REGIMES: dict[str, tuple[date, tuple[str, str]]] = {
    "nd43-2011": (date(2011, 10, 1), (
        "Nghị định 43/2011/NĐ-CP; Thông tư 32/2017/TT-BTTTT; Thông tư 26/2020/TT-BTTTT",
        "Decree 43/2011/NĐ-CP; Circular 32/2017/TT-BTTTT; Circular 26/2020/TT-BTTTT")),
    "nd42-2022": (date(2022, 8, 15), (
        "Nghị định 42/2022/NĐ-CP; Thông tư 22/2023/TT-BTTTT",
        "Decree 42/2022/NĐ-CP; Circular 22/2023/TT-BTTTT")),
    "nd224-2026": (date(2026, 7, 1), (
        "Luật Chuyển đổi số 148/2025/QH15; Nghị định 224/2026/NĐ-CP",
        "Law on Digital Transformation 148/2025/QH15; Decree 224/2026/NĐ-CP")),
}
ALWAYS_APPLICABLE = (
    "Luật Tiếp cận thông tin 104/2016/QH13; Nghị định 13/2018/NĐ-CP; Luật Quảng cáo 16/2012/QH13 "
    "(sửa đổi bởi Luật 75/2025/QH15); Luật Sở hữu trí tuệ 50/2005/QH11",
    "Access to Information Law 104/2016/QH13; Decree 13/2018/NĐ-CP; Advertising Law 16/2012/QH13 "
    "(as amended by Law 75/2025/QH15); Law on Intellectual Property 50/2005/QH11",
)


def pack_in_force(on: date) -> str:
    """The regime in force on a date: the default pack of an audit that named none."""
    started = sorted(REGIMES.items(), key=lambda item: item[1][0])
    chosen = started[0][0]
    for pack, (since, _) in started:
        if on >= since:
            chosen = pack
    return chosen


def regime_text(pack: str, lang: str) -> str:
    texts = REGIMES.get(pack)
    main = pick(texts[1], lang) if texts else pack
    return f"{main}; {pick(ALWAYS_APPLICABLE, lang)}"


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


def family_of(rule_id: str) -> str:
    return rule_id.split("-", 1)[0].upper()


def family_name(family: str, lang: str) -> str:
    from auditor.rules.base import FAMILIES

    names = FAMILIES.get(family) or ("Tiêu chí khác", "Other criteria")
    return pick(names, lang)


def family_order(family: str) -> tuple[int, str]:
    from auditor.rules.base import FAMILIES

    order = list(FAMILIES)
    return (order.index(family) if family in order else len(order), family)


def catalogue_rules(pack: str, level: str) -> list:
    """The rules of the pack that apply to a site of this level, in id order."""
    from auditor.rules import all_rules

    return [rule for rule in all_rules() if _in_pack(rule, pack) and _for_level(rule, level)]


def _in_pack(rule, pack: str) -> bool:
    regimes = getattr(rule, "regimes", ()) or ()
    return not regimes or not pack or pack in regimes


def _for_level(rule, level: str) -> bool:
    # A rule may say which levels it judges (the mandatory sections differ by level); one that
    # says nothing applies to all.
    levels = getattr(rule, "levels", ()) or ()
    return not levels or level in levels


def info_from_rule(rule, pack: str, lang: str) -> RuleInfo:
    title = rule.title_vi if lang == "vi" else (rule.title_en or rule.title_vi)
    remedy = rule.remedy_vi if lang == "vi" else (rule.remedy_en or rule.remedy_vi)
    if lang == "vi":
        failure = getattr(rule, "failure_vi", "") or title
    else:
        failure = getattr(rule, "failure_en", "") or f"Not met: {title[:1].lower()}{title[1:]}"
    return RuleInfo(id=rule.id, family=rule.family, severity=rule.severity, title=title,
                    failure=failure, remedy=remedy or "", basis=_citation(rule, pack, lang), known=True)


def _citation(rule, pack: str, lang: str) -> str:
    try:
        return rule.citation(pack, lang)
    except TypeError:  # a catalogue whose citations are Vietnamese only
        return rule.citation(pack)


def info_from_finding(row: dict) -> RuleInfo:
    """A criterion for a rule the catalogue does not know: the finding speaks for itself."""
    return RuleInfo(id=row["rule"], family=family_of(row["rule"]), severity=row["severity"] or "error",
                    title=row["title"] or row["rule"], failure=row["title"] or row["rule"],
                    remedy="", basis=row["basis"] or "",
                    known=False)


def rule_infos(pack: str, level: str, lang: str, site_rows: list[dict],
               audit_rows: list[dict]) -> dict[str, RuleInfo]:
    """Every criterion of a site: the catalogue's rules for its pack and level, the rules its own
    findings name, and rules the catalogue does not know that fired anywhere in the audit (they
    ran, so a site without their findings passed them)."""
    infos = {rule.id: info_from_rule(rule, pack, lang) for rule in catalogue_rules(pack, level)}
    known = _known_rules()
    extra = list(site_rows) + [row for row in audit_rows if row["rule"] not in known]
    for row in extra:
        if row["rule"] in infos:
            continue
        rule = known.get(row["rule"])
        infos[row["rule"]] = info_from_rule(rule, pack, lang) if rule else info_from_finding(row)
    return dict(sorted(infos.items(), key=lambda item: (family_order(item[1].family), item[0])))


def _known_rules() -> dict:
    from auditor.rules import all_rules

    return {rule.id: rule for rule in all_rules()}
