"""Render the report model to self-contained HTML files with Jinja2 (autoescape always on).

Self-contained: the stylesheet is inlined, charts are inline SVG, no font, image or script is
loaded from anywhere. A Content-Security-Policy meta forbids every script and allows only the
one inline stylesheet, named by its SHA-256 hash: even a page title that slipped past escaping
could not run code or pull in a stylesheet of its own.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from auditor.identity import VERSION
from auditor.reports.archived import write_archived_copies
from auditor.reports.i18n import SEVERITY, STATUS, labels, pick, word
from auditor.reports.context import AuditContext
from auditor.reports.model import SiteReport, build_site_report, site_file
from auditor.reports.overview import (RULES_DIR, SITES_DIR, UNITS_DIR, Overview, RulePage, build_overview,
                                      build_units, rule_pages, summarize, units_of)
from auditor.reports.score import PENALTY
from auditor.reports.trends import RegistryTrend
from auditor.store.database import Store

OVERVIEW_FILE = "index.html"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("auditor.reports", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files("auditor.reports").joinpath("static/report.css").read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; script-src 'none'; style-src 'sha256-" + digest + "'; "
            "img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")


def _common(lang: str, audit) -> dict:
    css = stylesheet()
    return {
        # Our own stylesheet, not page content: inserted as is (escaping would break it inside
        # <style>, and change the text the CSP hash names).
        "lang": lang, "t": labels(lang), "audit": audit, "css": Markup(css),
        "csp": content_security_policy(css), "version": VERSION, "penalty": PENALTY,
        "sev": {key: pick(pair, lang) for key, pair in SEVERITY.items()},
        "status": {key: pick(pair, lang) for key, pair in STATUS.items()},
    }


def site_html(report: SiteReport) -> str:
    lang = report.lang
    return environment().get_template("site.html").render(
        **_common(lang, report.audit), r=report, site=report.site, score=report.score,
        score_help=word("score_short", lang, **PENALTY),
        report_back=word("request_report_back", lang, inspector=report.audit.inspector))


def overview_html(overview: Overview) -> str:
    return environment().get_template("overview.html").render(
        **_common(overview.lang, overview.audit), o=overview)


def rule_page_html(page: RulePage) -> str:
    return environment().get_template("rule.html").render(**_common(page.lang, page.audit), p=page)


def _write(path: Path, html: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _site_row(ctx: AuditContext, site_key: str) -> dict:
    row = ctx.site(site_key)
    if row is None:
        raise KeyError(f"audit {ctx.audit['id']} has no site {site_key!r}")
    return row


def render_site_report(store: Store, audit_id: int, site_key: str, out_dir: Path,
                       lang: str = "vi") -> Path:
    """Write the report of one site of an audit as ``out_dir/<site>.html``; return its path.

    Standalone: no link to an overview (``auditor check`` writes one site's report alone).
    """
    ctx = AuditContext(store, audit_id, lang)
    report = build_site_report(ctx, _site_row(ctx, site_key))
    write_archived_copies(store, audit_id, report, Path(out_dir))
    return _write(Path(out_dir) / site_file(site_key), site_html(report))


def render_audit(store: Store, audit_id: int, out_dir: Path, lang: str = "vi") -> list[Path]:
    """Write the overview (``index.html``), each parent unit's overview (``units/*.html``, when
    the registry has parents), the sites of each common finding (``findings/*.html``) and every
    site's report (``sites/*.html``).

    Each site's report is written as soon as it is built and dropped, its summary kept for the
    overviews: memory stays flat with the registry's size (issue 14).
    Returns the paths written, the top page first.
    """
    out_dir = Path(out_dir)
    ctx = AuditContext(store, audit_id, lang)
    if not ctx.sites:
        raise ValueError(f"audit {audit_id} has no site")
    unit_of = units_of((row["key"], row["parent"] or "") for row in ctx.sites)
    site_paths, summaries = [], []
    for row in ctx.sites:
        unit = unit_of.get(row["key"])
        report = build_site_report(ctx, row, overview_href=f"../{UNITS_DIR}/{site_file(unit)}" if unit
                                   else f"../{OVERVIEW_FILE}")
        write_archived_copies(store, audit_id, report, out_dir / SITES_DIR)
        site_paths.append(_write(out_dir / SITES_DIR / report.site.file, site_html(report)))
        summaries.append(summarize(report))
    trend = RegistryTrend(store, audit_id)
    units = build_units(summaries, trend)
    top = build_overview(summaries, units=units, trend=trend)
    paths = [_write(out_dir / OVERVIEW_FILE, overview_html(top))]
    for unit in units:
        page = build_overview(unit.reports, depth=1, unit=unit)
        paths.append(_write(out_dir / UNITS_DIR / unit.file, overview_html(page)))
    for page in rule_pages(summaries, units, top.common):
        paths.append(_write(out_dir / RULES_DIR / f"{page.finding.href.rsplit('/', 1)[1]}", rule_page_html(page)))
    return paths + site_paths
