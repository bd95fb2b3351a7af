"""What the output formats need to know about rules: titles, remedies, legal basis.

The rules' metadata lives in ``auditor.rules``. A finding may name a rule this version does not
know (an audit stored by another version): it is then described from the finding itself, so an
output never fails for want of metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.judge.applicable import pack_rules
from auditor.judge.packs import PackError, load_pack
from auditor.rules import all_rules
from auditor.rules.families import family_of


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    severity: str
    scope: str
    title_vi: str
    title_en: str
    remedy_vi: str
    remedy_en: str
    basis: str  # the citation under the audit's pack
    failure_vi: str = ""  # how the failed criterion reads ("Trang có quảng cáo ...")
    basis_en: str = ""  # the same citation, its notes in English

    @property
    def family(self) -> str:
        return family_of(self.id)

    def title(self, lang: str) -> str:
        return (self.title_en if lang == "en" else self.title_vi) or self.title_vi or self.title_en

    def citation(self, lang: str) -> str:
        return (self.basis_en if lang == "en" else "") or self.basis

    def failure(self, lang: str) -> str:
        """The heading of a failed criterion: the rule's failure wording, else its title."""
        return (self.failure_vi if lang != "en" else "") or self.title(lang)

    def remedy(self, lang: str) -> str:
        return (self.remedy_en if lang == "en" else self.remedy_vi) or self.remedy_vi or self.remedy_en


def catalogue(pack: str) -> dict[str, RuleInfo]:
    """The rules that run under the pack (auditor/judge/applicable.py), by id; every rule when the
    pack is not named or this installation does not have it."""
    try:
        rules = pack_rules(load_pack(pack)) if pack else all_rules()
    except PackError:
        rules = all_rules()
    return {rule.id: _info(rule, pack) for rule in rules}


def rules_for(findings: list[dict], pack: str) -> dict[str, RuleInfo]:
    """The pack's rules, plus any rule the findings name that the catalogue does not know."""
    rules = catalogue(pack)
    for finding in findings:
        if finding["rule"] not in rules:
            rules[finding["rule"]] = RuleInfo(
                id=finding["rule"], severity=finding["severity"], scope="site" if not finding["url"] else "page",
                title_vi=finding["title"], title_en=finding["title"], remedy_vi="", remedy_en="",
                basis=finding["basis"])
    return dict(sorted(rules.items()))


def _info(rule, pack: str) -> RuleInfo:
    return RuleInfo(id=rule.id, severity=rule.severity, scope=rule.scope,
                    title_vi=rule.title_vi, title_en=rule.title_en,
                    remedy_vi=getattr(rule, "remedy_vi", ""), remedy_en=getattr(rule, "remedy_en", ""),
                    basis=rule.citation(pack), basis_en=rule.citation(pack, "en"),
                    failure_vi=getattr(rule, "failure_vi", ""))
