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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

from auditor.judge.findings import Finding
from auditor.rules.families import family_of

if TYPE_CHECKING:  # only for annotations: rules never import the engine's machinery
    from auditor.judge.adhosts import AdMatcher
    from auditor.judge.packs import Section

# The legal basis of every rule is data: rules/law/basis.toml, read by auditor/judge/law.py.


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
    def law_id(self) -> str:
        """The id its legal basis is kept under (rules/law/basis.toml): its own, or the id it had
        before a rename (``aliases``)."""
        from auditor.judge.law import basis

        known = basis()
        return next((i for i in (self.id, *self.aliases) if i in known), self.id)

    @property
    def family(self) -> str:
        return family_of(self.id)

    @property
    def judges_pages(self) -> bool:
        """Whether the engine runs this rule on each page (a page rule, or a site rule's page part)."""
        return self.scope == "page" or type(self).check_page is not Rule.check_page

    def law(self):
        """The rule's citations (rules/law/basis.toml)."""
        from auditor.judge.law import rule_law  # the law is data the engine reads

        return rule_law(self.law_id)

    def citation(self, pack: str, lang: str = "vi", level: str = "") -> str:
        """The basis under a pack, for ``level`` or else per level the pack judges (catalogues;
        findings carry their own)."""
        from datetime import date

        from auditor.judge.law import pack_citation
        from auditor.judge.packs import load_pack, pack_for_date

        chosen = load_pack(pack) if pack else pack_for_date(date.today())
        levels = [lv for lv, spec in chosen.levels.items() if spec.covered] or list(chosen.levels)
        if level in chosen.levels:
            levels = [level]
        return pack_citation(self.id, chosen.in_force_from, chosen.in_force_to, levels, lang)

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
