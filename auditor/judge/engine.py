"""The rule engine: a pack, the user's config and an audit date turn facts into findings.

``Engine.judge_page`` runs as pages arrive (auditor/crawl/pipeline.py) and
``Engine.judge_site`` once a site's crawl is over (auditor/crawl/finish.py, via
auditor/judge/sitefacts.py), ``Engine.judge_rendered`` on the pages the browser pass rendered
(auditor/crawl/a11y.py). The engine fills what the rules leave to it: the severity (the rule's,
unless the config sets one), the title and the legal basis under the audit's regime.

Which rules run where is auditor/judge/applicable.py's to say:
- a rule excluded by the pack, outside its ``regimes`` or set to ``off`` by the config never runs;
- the law is data (auditor/judge/law.py): for each rule and site level, the citations whose
  text is in force on the audit date (kept within the pack's window) and binds the level; on a
  level the regime does not cover (communes under Decree 43/2011, districts under Decree
  224/2026) only rules backed by such a citation, or judged everywhere as quality criteria, run;
- a finding without a legal breach behind it (a recommendation, guidance of an earlier text, a
  quality criterion) is at most a warning, whatever the rule or the config say; its
  ``basis_kind`` says which it is;
- on the site of an abolished or merged unit, rules that ask for completeness or freshness
  (``judges_abolished = False``: sections, masthead, footer, freshness, domain) do not run: the
  site is to be closed or redirected, which FRS-005 judges;
- page rules judge HTML pages that answered 2xx (TEC-003 also judges error pages);
- site rules that need the crawl skip a site that was unreachable or blocked: such a site gets
  one FRS-004 finding, not a list of "missing" sections.

A rule that raises does not stop the audit: the error is logged with its traceback and recorded
as one ``info`` finding of that rule per site (key ``internal-error``, grouped, with the count of
pages), so a report shows that the criterion could not be judged instead of passing it silently.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Iterable

from auditor.judge import law
from auditor.judge.adhosts import AdMatcher
from auditor.judge.config import Config, read_easylist_files
from auditor.judge.findings import Finding
from auditor.judge.applicable import (check_requirements, judges_site, level_limits, pack_rules,
                                      word_lists)
from auditor.judge.packs import Pack
from auditor.rules._web import host_of
from auditor.rules.base import Rule, RuleContext
from auditor.statuses import REACHED

log = logging.getLogger("auditor.judge.engine")

INTERNAL_ERROR = "internal-error"


class Engine:
    def __init__(self, pack: Pack, config: Config | None = None,
                 audit_date: date | str | None = None, sites: Iterable = ()):
        self.pack = pack
        self.config = config or Config()
        self.audit_date = (audit_date or date.today())
        if isinstance(self.audit_date, date):
            self.audit_date = self.audit_date.isoformat()
        self.law_date = law.law_date(date.fromisoformat(self.audit_date), pack.in_force_from,
                                     pack.in_force_to)
        self._judgements: dict[tuple[str, str], law.Judgement] = {}
        self.rules: tuple[Rule, ...] = pack_rules(pack, self.config)
        self.page_rules = tuple(r for r in self.rules if r.judges_pages)
        self.site_rules = tuple(r for r in self.rules if r.scope == "site")
        self.browser_rules = tuple(r for r in self.rules if r.scope == "browser")
        check_requirements(pack, self.config)
        self.lists = word_lists(pack, self.config)
        self.ads = AdMatcher(self.lists.get("ad_hosts", ()) + tuple(read_easylist_files(self.config)))
        self.registry_hosts = frozenset(h for site in sites for h in _hosts_of(site))
        self._contexts: dict[tuple, RuleContext] = {}
        self._page_rules_covering: dict[tuple[str, str], tuple[Rule, ...]] = {}
        self.failures: dict[str, int] = {}  # rule id -> how many times it raised

    # -- set-up -----------------------------------------------------------------------
    def limits(self, level: str) -> dict[str, float]:
        return level_limits(self.pack, self.config, level)

    @staticmethod
    def _context_key(site) -> tuple:
        """A site's context is keyed by all it depends on: an engine may serve several audits
        (reports do)."""
        site_id = getattr(site, "id", None) or site.site
        status = getattr(site, "status", None) or getattr(site, "registry_status", "active")
        return (site_id, site.level, site.url, status, site.domain)

    def forget_site(self, site) -> None:
        """The site is judged no more in this crawl (auditor/crawl/pipeline.py): its context
        goes, or every site of a national registry would keep one to the crawl's end."""
        self._contexts.pop(self._context_key(site), None)

    def context(self, site) -> RuleContext:
        """The context of a registry Site or a SiteFacts (both name the site, level and URL)."""
        key = self._context_key(site)
        site_id, status = key[0], key[3]
        ctx = self._contexts.get(key)
        if ctx is None:
            level = site.level
            ctx = self._contexts[key] = RuleContext(
                audit_date=self.audit_date, level=level, pack=self.pack.id,
                data=dict(self.pack.data), site_status=status,
                limits=self.limits(level), lists=self.lists, sections=dict(self.pack.sections),
                mandatory=self.pack.level(level).judged_sections, site=site_id, site_url=site.url,
                site_domain=(site.domain or host_of(site.url)).lower(),
                registry_hosts=self.registry_hosts, ads=self.ads,
            )
        return ctx

    def judgement(self, rule: Rule, level: str) -> law.Judgement:
        """What the rule is at this level on the law's date: breach, recommendation, guidance
        or quality, with the citations to print."""
        key = (rule.id, level)
        found = self._judgements.get(key)
        if found is None:
            recommended = rule.id in self.pack.level(level).recommended
            found = self._judgements[key] = law.judge(rule.law_id, self.law_date, level, recommended)
        return found

    def covers(self, rule: Rule, ctx: RuleContext) -> bool:
        """Whether the rule judges this site (auditor/judge/applicable.py), with the law's
        judgement of the rule at the site's level cached for the audit."""
        return judges_site(rule, self.pack, ctx.level, ctx.site_status,
                           self.judgement(rule, ctx.level))

    def page_rules_covering(self, ctx: RuleContext) -> tuple[Rule, ...]:
        """The page rules that judge the context's site (``covers``), worked out once per level
        and registry status: ``covers`` reads nothing else of the context, and the engine's
        pack and law date do not change (some 40 rules were checked again on every page)."""
        key = (ctx.level, ctx.site_status)
        rules = self._page_rules_covering.get(key)
        if rules is None:
            rules = self._page_rules_covering[key] = tuple(
                rule for rule in self.page_rules if self.covers(rule, ctx))
        return rules

    # -- judging ----------------------------------------------------------------------
    def judge_page(self, facts, site, reading: frozenset[str] | None = None) -> list[Finding]:
        """Findings of the page rules (and site rules' page parts) on one fetched page; with
        ``reading``, of the rules that read one of those facts only (a page's late evidence)."""
        if not facts.is_html:
            return []
        ctx = self.context(site)
        answered = 200 <= facts.status < 300 and not facts.error
        found: dict[str, Finding] = {}
        for rule in self.page_rules_covering(ctx):
            if not answered and not rule.judges_error_pages:
                continue
            if reading is not None and reading.isdisjoint(rule.reads):
                continue
            check = rule.check if rule.scope == "page" else rule.check_page
            self._collect(rule, ctx, lambda: check(facts, ctx), found, facts.site, facts.url)
        return list(found.values())

    def judge_site(self, site_facts) -> list[Finding]:
        """Findings of the site rules on one site, once its crawl is over."""
        ctx = self.context(site_facts)
        reached = site_facts.crawl_status in REACHED
        found: dict[str, Finding] = {}
        for rule in self.site_rules:
            if not self.covers(rule, ctx) or (rule.needs_crawl and not reached):
                continue
            self._collect(rule, ctx, lambda: rule.check(site_facts, ctx), found,
                          site_facts.site, None)
        return list(found.values())

    def judge_rendered(self, rendered, site) -> list[Finding]:
        """Findings of the browser rules on one page the browser pass rendered (auditor/browser/)."""
        if rendered.error:
            return []
        ctx = self.context(site)
        found: dict[str, Finding] = {}
        for rule in self.browser_rules:
            if self.covers(rule, ctx):
                self._collect(rule, ctx, lambda: rule.check(rendered, ctx), found,
                              rendered.site, rendered.url)
        return list(found.values())

    def _collect(self, rule: Rule, ctx: RuleContext, run, found: dict, site: str,
                 url: str | None) -> None:
        """Run one rule, finish its findings, and keep one per fingerprint (a cause seen twice on
        a page counts once for that page)."""
        try:
            for finding in run():
                self.finish(finding, rule, ctx.level)
                found.setdefault(finding.fingerprint, finding)
        except Exception as error:  # noqa: BLE001 - one rule's bug must not stop the audit
            finding = self._failure(rule, ctx.level, site, url, error)
            found.setdefault(finding.fingerprint, finding)

    def finish(self, finding: Finding, rule: Rule, level: str) -> Finding:
        judgement = self.judgement(rule, level)
        severity = self.config.severity(rule.id) or finding.severity or rule.severity
        finding.severity = law.cap(severity, judgement)
        finding.title = finding.title or rule.title_vi
        finding.basis = finding.basis or judgement.text("vi")
        finding.basis_kind = finding.basis_kind or judgement.kind
        finding.message = finding.message or rule.failure_vi or rule.title_vi
        return finding

    def _failure(self, rule: Rule, level: str, site: str, url: str | None,
                 error: Exception) -> Finding:
        count = self.failures[rule.id] = self.failures.get(rule.id, 0) + 1
        if count == 1:
            log.exception("rule %s failed on %s", rule.id, url or site)
        else:
            log.warning("rule %s failed again (%d times) on %s: %r", rule.id, count, url or site, error)
        return Finding(
            rule=rule.id, site=site, url=url, key=INTERNAL_ERROR, grouped=True, severity="info",
            title=rule.title_vi, basis=self.judgement(rule, level).text("vi"),
            basis_kind=self.judgement(rule, level).kind,
            message="Không đánh giá được tiêu chí này do lỗi của công cụ kiểm tra "
                    "(không phải lỗi của trang); cần kiểm tra thủ công.",
            evidence={"error": f"{type(error).__name__}: {error}"[:300]},
        )


def _hosts_of(site) -> set[str]:
    hosts = {host_of(site.url)}
    if getattr(site, "domain", ""):
        hosts.add(site.domain.lower())
    return {h for h in hosts if h}

