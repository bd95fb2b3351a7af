"""What a rule is: metadata in the class (Lighthouse's ``meta``, sqlfluff's rule classes) and a
pure ``check`` over facts that yields findings.

A rule never fetches, never touches the store, never prints. Page rules see one page's
PageFacts; site rules see the SiteFacts of a whole site. Both also get a ``RuleContext``: the
audit date, the site, and the rule pack's data (thresholds, word and domain lists) as resolved
for the site's level with the user's config applied.

A site rule may also define ``check_page``: page evidence of a site-wide criterion (mixed
content for TEC-001, undated articles for FRS-003). The engine runs it on every page, like a
page rule, and the findings it yields are usually ``grouped``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

from auditor.judge.findings import Finding
from auditor.rules.families import family_of

if TYPE_CHECKING:  # only for annotations: rules never import the engine's machinery
    from auditor.judge.adhosts import AdMatcher
    from auditor.judge.packs import Section

ALWAYS = "*"  # basis key of the laws that apply under every regime (RULES.md, "Always applicable")

_NOTES = {
    "prior": ("văn bản của chế độ trước; chưa đối chiếu quy định hiện hành",
              "text of an earlier regime; the current provision is not identified"),
    "unverified": ("chưa kiểm chứng toàn văn", "full text not verified"),
    "quality": ("không phải quy định pháp luật", "not a legal obligation"),
}


@dataclass(frozen=True, slots=True)
class Basis:
    """A legal citation: the document and the article, e.g. ("Nghị định 42/2022/NĐ-CP", "Điều 4 khoản 1")."""

    document: str
    article: str = ""
    unverified: bool = False  # the clause was not read in full (RULES.md): said, never invented
    # "prior": cited from an earlier regime because RULES.md gives no basis under the audit's
    # regime; "quality": a quality or security criterion, not a legal obligation.
    note: str = ""

    def text(self, lang: str = "vi", with_note: bool = True) -> str:
        out = f"{self.document}, {self.article}" if self.article else self.document
        index = 0 if lang == "vi" else 1
        notes = [_NOTES[self.note][index]] if with_note and self.note in _NOTES else []
        if self.unverified:
            notes.append(_NOTES["unverified"][index])
        return out + "".join(f" ({n})" for n in notes)

    def __str__(self) -> str:
        return self.text("vi")


# The criteria that no law states: said as such, so that a report never dresses them up as law.
QUALITY = Basis("Tiêu chí chất lượng kỹ thuật", note="quality")


@dataclass(slots=True)
class RuleContext:
    """What a rule may know besides the facts: when, which site, and the pack's data."""

    audit_date: str  # ISO date
    level: str  # tinh | huyen | xa
    pack: str  # e.g. "nd224-2026"
    data: dict[str, Any] = field(default_factory=dict)  # the pack's free-form flags ([data])
    site_status: str = "active"
    # Resolved for the site's level, the user's config applied (auditor/judge/packs.py, config.py).
    limits: dict[str, float] = field(default_factory=dict)  # thresholds: news_max_age_days ...
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # press_domains, free_mail ...
    sections: dict[str, "Section"] = field(default_factory=dict)  # SEC id -> labels and slugs
    mandatory: tuple[str, ...] = ()  # SEC ids the level must have under the regime
    site: str = ""  # registry id
    site_url: str = ""  # the site's URL prefix
    site_domain: str = ""  # the public host: the registry's `domain`, else the URL's host
    registry_hosts: frozenset[str] = frozenset()  # hosts of every site in the registry
    ads: "AdMatcher | None" = None  # EasyList engine over the pack's and the user's ad hosts

    def limit(self, name: str) -> float:
        return self.limits[name]

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())


class Rule:
    """Subclass, fill the metadata, implement ``check``. One rule per module under ``rules/``."""

    id: ClassVar[str]  # stable, with its family prefix: "ADS-003"
    scope: ClassVar[str]  # "page" or "site"
    severity: ClassVar[str]  # "error" | "warning" | "info" (a user config may change it)
    title_vi: ClassVar[str]  # the criterion, as the report's checklist names it
    title_en: ClassVar[str]
    failure_vi: ClassVar[str] = ""  # how a failed criterion reads ("Trang có quảng cáo ...")
    remedy_vi: ClassVar[str]  # phrased as the department's request ("Đề nghị gỡ bỏ ...")
    remedy_en: ClassVar[str]
    # Legal basis per regime (rule pack id); "*" (ALWAYS) applies under every regime and is
    # cited together with the regime's own basis.
    basis: ClassVar[dict[str, tuple[Basis, ...]]]
    regimes: ClassVar[tuple[str, ...]] = ()  # the packs the rule belongs to; () means all
    # Page rules: judge pages that answered 2xx only (a 404 page shows the CMS's error template,
    # not the site's content), unless the rule looks for what error pages leak (TEC-003).
    judges_error_pages: ClassVar[bool] = False
    # Site rules: judged only when the crawl reached the site (not unreachable or blocked).
    needs_crawl: ClassVar[bool] = True
    # False: not judged on the site of an abolished or merged unit, which is to be closed or
    # redirected (FRS-005), not completed or kept fresh.
    judges_abolished: ClassVar[bool] = True
    # What the rule needs (Lighthouse's requiredArtifacts), checked against every pack that runs
    # it (tests/test_rule_requirements.py) and at start-up (auditor/judge/applicable.py):
    reads: ClassVar[tuple[str, ...]] = ()  # the facts it reads: PageFacts / SiteFacts fields
    limits: ClassVar[tuple[str, ...]] = ()  # thresholds (RuleContext.limit), per level in the pack
    lists: ClassVar[tuple[str, ...]] = ()  # word and domain lists (RuleContext.words)
    # Ids the rule had before (sqlfluff's aliases): stored findings, baselines and waivers that
    # name an alias still match the rule.
    aliases: ClassVar[tuple[str, ...]] = ()

    @property
    def family(self) -> str:
        return family_of(self.id)

    @property
    def judges_pages(self) -> bool:
        """Whether the engine runs this rule on each page (a page rule, or a site rule's page part)."""
        return self.scope == "page" or type(self).check_page is not Rule.check_page

    def basis_for(self, pack: str) -> tuple[Basis, ...]:
        """The regime's own basis and the always-applicable laws; failing both, the basis of
        the nearest earlier regime, marked as such (RULES.md gives no current article)."""
        found = self.basis.get(pack, ()) + self.basis.get(ALWAYS, ())
        if found:
            return found
        from auditor.judge.packs import lineage  # the order of regimes is pack data

        for earlier in lineage(pack)[1:]:
            if earlier in self.basis:
                return tuple(replace(b, note=b.note or "prior") for b in self.basis[earlier])
        return ()

    def has_regime_free_basis(self) -> bool:
        """Whether a law that applies under every regime backs the rule (or it is a quality check)."""
        return bool(self.basis.get(ALWAYS))

    def citation(self, pack: str, lang: str = "vi") -> str:
        """The basis as one line; an earlier regime's provisions say so once, at the end."""
        bases = self.basis_for(pack)
        prior = [b for b in bases if b.note == "prior"]
        text = "; ".join(b.text(lang, with_note=b.note != "prior") for b in bases)
        if prior:
            text += f" ({_NOTES['prior'][0 if lang == 'vi' else 1]})"
        return text

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    def check_page(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        """Page evidence of a site rule; see the module docstring. Page rules use ``check``."""
        return iter(())

    def finding(self, facts, message: str, url: str | None = None, key: str = "",
                grouped: bool = False, severity: str = "", **evidence: Any) -> Finding:
        """A finding of this rule on the site the facts belong to.

        ``severity`` lowers (or raises) one finding against the rule's default, e.g. a blocked
        site is a warning where an unreachable one is an error; a user's config still wins.
        """
        return Finding(rule=self.id, site=facts.site, message=message, url=url, key=key,
                       evidence=evidence, grouped=grouped, severity=severity)
