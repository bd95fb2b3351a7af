"""Runs the rule cases of tests/rules/<RULE-ID>.toml (in the manner of sqlfluff's YAML test cases):
one file per rule, named for its id, so a new rule is its module and its case file.

Every case is a small site: one page for a page rule, a few for a site rule. Its HTML goes
through the real extractor (spiders/extract.py on lxml), the store pipeline's rows into a real
Store, the SiteFacts builder and the Engine, exactly as in an audit; then the findings of the
case's rule are compared with what the case expects.

A case (keys in [defaults] of a file apply to all its cases)::

    [[case]]
    name = "gambling link in the footer"
    expect = "fail"                     # or "pass": no finding of the rule
    keys = ["example.com"]              # optional: these evidence keys are among the findings
    severity = "error"                  # optional: of every finding of the rule
    count = 2                           # optional: the count of the (first) finding
    evidence = { hidden = true }        # optional: a subset of the first finding's evidence
    config = '''[rules] "ADS-003" = "warn"'''   # optional: a user config (auditor.toml text)
    files = { "abpvn.txt" = "||ads.example^" }  # optional: files beside the config
    level = "xa"                        # the site: level, site_name, url, domain,
    crawl_status = "ok"                 #   registry_status, crawl_status, crawl_reason, robots,
                                        #   probe, parent_domain; pack, audit_date
    # one page: the page keys below at the case's top level; several: [[case.pages]]
    path = "/tin-tuc/bai-viet.html"     # relative to the site URL ("" or "/": the home page)
    status = 200
    html = '''<!DOCTYPE html>...'''     # a whole page, or parts of the default page:
    title = "..."; header = "..."; nav = "..."; body = "..."; sidebar = "..."; footer = "..."
    [[case.attachments]]                # attachments checked by HEAD
    path = "/files/a.pdf"; status = 404; found_on = "/"

``{{date:-3:short}}`` in any HTML is the audit date minus three days (auditor.demo.server).

A case may give the facts themselves instead of HTML, for logic that should not depend on the
extractor: ``facts`` (a TOML table, or JSON text) holds PageFacts fields for a page rule, or
SiteFacts fields for a site rule (``home`` a PageFacts table, ``pages`` PageSummary tables);
links, media, dates and headings are tables of their fields. They go straight to the Engine::

    [[case]]
    name = "a marquee"
    facts = { blink_tags = ["marquee"] }
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin

import lxml.html

from auditor import toml

from auditor.judge.config import load_config
from auditor.demo.server import render_dates
from auditor.judge.engine import Engine
from auditor.judge.packs import load_pack
from auditor.registry import Registry, Site
from auditor.judge.sitefacts import build_site_facts
from auditor.rules import rule_by_id
from auditor.spiders.extract import extract
from auditor.spiders.facts import (Attachment, DateMention, Heading, Link, Media, PageFacts, PageSummary,
                                  SiteFacts)
from auditor.spiders.outcomes import Reason, dump, dump_all
from auditor.spiders.urls import canonical
from auditor.store.database import Store

CASES = Path(__file__).parent / "rules"
DEFAULTS = {
    "site_name": "UBND xã Hướng Lập", "level": "xa", "url": "https://huonglap.quangtri.gov.vn/",
    "domain": "", "registry_status": "active", "crawl_status": "ok", "crawl_reason": "",
    "pack": "nd224-2026", "audit_date": "2026-11-20", "lang": "vi",
}
PAGE_TEMPLATE = """<!DOCTYPE html>
<html{lang}><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<div id="header">{header}</div>
<div class="nav">{nav}</div>
<div id="content">{body}</div>
<div id="sidebar">{sidebar}</div>
<div id="footer">{footer}</div>
</body></html>"""
PAGE_DEFAULTS = {
    "title": "Trang thông tin điện tử xã Hướng Lập",
    "header": '<img src="/quoc-huy.png" alt="Quốc huy"><p>ỦY BAN NHÂN DÂN XÃ HƯỚNG LẬP</p>',
    "nav": "", "body": "<h1>Trang thông tin điện tử xã Hướng Lập</h1><p>Nội dung.</p>",
    "sidebar": "",
    "footer": "<p>Bản quyền thuộc về UBND xã Hướng Lập.</p>",
}


@dataclass
class Case:
    file: str
    index: int
    spec: dict

    @property
    def rule(self) -> str:
        return self.spec["rule"]

    @property
    def expect(self) -> str:
        return self.spec.get("expect", "fail")

    @property
    def id(self) -> str:
        name = self.spec.get("name", f"case {self.index}")
        return f"{self.rule}-{self.expect}-{name}"


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        data = toml.loads(path.read_text(encoding="utf-8"))
        defaults = data.get("defaults", {})
        for index, spec in enumerate(data.get("case", []), start=1):
            cases.append(Case(path.name, index, {**DEFAULTS, **defaults, **spec, "rule": path.stem}))
    return cases


@dataclass
class Used:
    """What a rule touched while it ran: facts fields, thresholds and lists (its ``reads``,
    ``limits`` and ``lists`` must declare them)."""

    reads: set[str] = field(default_factory=set)
    limits: set[str] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    findings: list = field(default_factory=list)  # the case rule's findings, finished
    used: Used = field(default_factory=Used)

    @property
    def keys(self) -> set[str]:
        return {f.key for f in self.findings}


class _Recorded(dict):
    """A context's thresholds or lists that note every name asked for."""

    def __init__(self, data, sink: set):
        super().__init__(data)
        self.sink = sink

    def __getitem__(self, name):
        self.sink.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.sink.add(name)
        return super().get(name, default)


class _Facts:
    """Facts that note every field read: ``home.x`` for the home page of a SiteFacts, ``pages.x``
    for its page summaries."""

    def __init__(self, facts, sink: set, prefix: str = ""):
        self._facts, self._sink, self._prefix = facts, sink, prefix

    def __getattr__(self, name):
        value = getattr(self._facts, name)
        if name != "site":  # the site's id, which every finding carries (Rule.finding)
            self._sink.add(self._prefix + name)
        if not self._prefix and name == "home" and value is not None:
            return _Facts(value, self._sink, "home.")
        if not self._prefix and name == "pages" and isinstance(value, list):
            return [_Facts(page, self._sink, "pages.") for page in value]
        return value


@contextmanager
def recording(rule_id: str, used: Used):
    """Run the rule with facts and a context that record what it reads."""
    rule = rule_by_id(rule_id)
    for method in ("check", "check_page"):
        original = getattr(rule, method)

        def recorded(facts, ctx, original=original):
            ctx = replace(ctx, limits=_Recorded(ctx.limits, used.limits),
                          lists=_Recorded(ctx.lists, used.lists))
            return original(_Facts(facts, used.reads), ctx)
        setattr(rule, method, recorded)
    try:
        yield
    finally:
        for method in ("check", "check_page"):
            delattr(rule, method)


def page_html(page: dict, case: dict, today: datetime) -> str:
    if "html" in page:
        html = page["html"]
    else:
        lang = page.get("lang", case.get("lang", "vi"))
        parts = {key: page.get(key, case.get(key, PAGE_DEFAULTS[key])) for key in PAGE_DEFAULTS}
        html = PAGE_TEMPLATE.format(lang=f' lang="{lang}"' if lang else "", **parts)
    return render_dates(html, today)


def page_facts(page: dict, case: dict, site_url: str, today: datetime) -> PageFacts:
    path = page.get("path", "")
    url = canonical(urljoin(site_url, path.lstrip("/")) if path not in ("", "/") else site_url)
    final = canonical(urljoin(site_url, page["final_path"].lstrip("/"))) if page.get("final_path") else url
    status = page.get("status", 200)
    content_type = page.get("content_type", "text/html")
    facts = PageFacts(site="case", url=url, final_url=final, status=status,
                      content_type=content_type, depth=0 if url == canonical(site_url) else 1,
                      redirects=[url, final] if final != url else [], error=reason_of(page.get("error")),
                      fetched_at="2026-11-20T08:00:00+00:00")
    if status == 0 or facts.error:
        return facts
    html = page_html(page, case, today)
    facts.bytes = len(html.encode("utf-8"))
    if content_type == "text/html":
        facts.is_html = True
        extract(facts, lxml.html.document_fromstring(html), final, reference=today)
    return facts


def reason_of(value) -> Reason | None:
    """A case's reason: a table {code, params} as the crawl records it, or words (a reason from
    a store written before codes, which no rule decides from)."""
    if isinstance(value, dict):
        return Reason.from_dict(value)
    return Reason("legacy", {"text": value}) if value else None


def pages_of(case: dict) -> list[dict]:
    if "pages" in case:
        return case["pages"]
    page_keys = {"path", "final_path", "status", "content_type", "error", "html", "lang",
                 *PAGE_DEFAULTS}
    return [{k: v for k, v in case.items() if k in page_keys}]


def _listed(kind, entries) -> list:
    return [kind(**entry) for entry in entries]


def page_facts_from(table: dict, site_url: str) -> PageFacts:
    """Hand-built page facts: a 200 HTML page at the site's URL unless the table says otherwise."""
    fields = {"site": "case", "url": site_url, "final_url": table.get("url", site_url), "status": 200,
              "content_type": "text/html", "is_html": True, **table}
    for name, kind in (("links", Link), ("media", Media), ("dates", DateMention), ("headings", Heading)):
        fields[name] = _listed(kind, fields.get(name, ()))
    return PageFacts(**fields)


def site_facts_from(table: dict, spec: dict) -> SiteFacts:
    """Hand-built site facts: the case's site, crawled as the case says, with the given pages."""
    fields = {"site": "case", "name": spec["site_name"], "level": spec["level"], "url": spec["url"],
              "registry_status": spec["registry_status"], "crawl_status": spec["crawl_status"],
              "crawl_reason": spec["crawl_reason"], "domain": spec["domain"],
              "audit_date": spec["audit_date"], **table}
    if "home" in fields:
        fields["home"] = page_facts_from(fields["home"], spec["url"])
    pages = [{"url": spec["url"], "final_url": spec["url"], "status": 200, "content_type": "text/html",
              "is_html": True, **page} for page in fields.get("pages", ())]
    fields["pages"] = [PageSummary(**{**page, "dates": _listed(DateMention, page.get("dates", ()))})
                       for page in pages]
    fields["nav"] = _listed(Link, fields.get("nav", ()))
    fields["attachments"] = _listed(Attachment, fields.get("attachments", ()))
    return SiteFacts(**fields)


def run_facts_case(case: Case, engine: Engine, site: Site) -> Outcome:
    """A case whose facts are given: no extractor, no store, the Engine alone."""
    spec, used = case.spec, Used()
    table = json.loads(spec["facts"]) if isinstance(spec["facts"], str) else spec["facts"]
    with recording(case.rule, used):
        if rule_by_id(case.rule).scope == "page":
            findings = engine.judge_page(page_facts_from(table, spec["url"]), site)
        else:
            findings = engine.judge_site(site_facts_from(table, spec))
    return Outcome([f for f in findings if f.rule == case.rule], used)


def rendered(html: str, facts: PageFacts):
    """A browser rule's case: the page served on 127.0.0.1, rendered in Chromium, checked by
    axe-core (auditor/browser/); skipped where the browser pass cannot run."""
    import pytest

    from auditor.browser.chromium import unavailable
    from auditor.browser.rendered import SampledPage
    from servers import html as html_answer, serve

    missing = unavailable()
    if missing:
        pytest.skip(f"browser pass unavailable: {missing}")
    with serve({"/": html_answer(html)}) as server:
        return shared_renderer().render(SampledPage(site="case", url=server.url, why="home",
                                                    lang=facts.lang, text=facts.main_text))


_RENDERER = []


def shared_renderer():
    """One Chromium per test process for all browser cases (a launch costs seconds)."""
    if not _RENDERER:
        import atexit

        from auditor.browser.chromium import find_chromium
        from auditor.browser.session import Renderer

        _RENDERER.append(Renderer(find_chromium(), "vngov-auditor tests").start())
        atexit.register(_RENDERER[0].close)
    return _RENDERER[0]


def run_case(case: Case, tmp_path: Path) -> Outcome:
    spec = case.spec
    today = datetime.fromisoformat(spec["audit_date"])
    site = Site(id="case", name=spec["site_name"], level=spec["level"], url=spec["url"],
                status=spec["registry_status"], domain=spec["domain"])
    registry = Registry(path="<case>", sites=[site])
    for name, text in spec.get("files", {}).items():  # files a config refers to (EasyList ...)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config_path = None
    if "config" in spec:
        config_path = tmp_path / "auditor.toml"
        config_path.write_text(spec["config"], encoding="utf-8")
    engine = Engine(load_pack(spec["pack"]), load_config(config_path), date.fromisoformat(spec["audit_date"]),
                    registry.sites)
    if "facts" in spec:
        return run_facts_case(case, engine, site)
    store = Store(tmp_path / "case.db")
    used = Used()
    try:
        audit_id = store.new_audit(registry, pack=spec["pack"], settings={}, version="test", pid=0)
        site_row_id = store.site_ids(audit_id)["case"]
        findings = []
        rows = []
        for page in pages_of(spec):
            facts = page_facts(page, spec, spec["url"], today)
            with recording(case.rule, used):
                findings += engine.judge_page(facts, site)
                if rule_by_id(case.rule).scope == "browser":
                    findings += engine.judge_rendered(rendered(page_html(page, spec, today), facts), site)
            rows.append((facts, site_row_id))
        store.write_pages(audit_id, rows)
        store.write_attachments(audit_id, [
            {"site_id": site_row_id, "url": urljoin(spec["url"], a["path"].lstrip("/")),
             "found_on": urljoin(spec["url"], a.get("found_on", "/").lstrip("/")),
             "status": a.get("status", 200), "content_type": "application/pdf", "length": None,
             "error": dump(reason_of(a.get("error")))}
            for a in spec.get("attachments", [])])
        reason = reason_of(spec["crawl_reason"])
        store.update_site(site_row_id, crawl_status=spec["crawl_status"],
                          reason=dump_all([reason] if reason else []),
                          robots=spec.get("robots"), probe=json.dumps(spec["probe"]) if "probe" in spec else None)
        site_row = store.sites(audit_id)[0]
        parent = {"url": "", "domain": spec["parent_domain"]} if spec.get("parent_domain") else None
        site_facts = build_site_facts(store, site_row, spec["audit_date"], parent)
        with recording(case.rule, used):
            findings += engine.judge_site(site_facts)
    finally:
        store.close()
    return Outcome([f for f in findings if f.rule == case.rule], used)
