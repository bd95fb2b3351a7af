"""HTML inspection reports in the form of the provincial department's review (seeds/003).

    render_audit(store, audit_id, out_dir, lang)               -> [index.html, units/*, findings/*, sites/*]
    render_site_report(store, audit_id, site_key, out_dir, lang) -> out_dir/<site>.html
    write_pdfs(paths)                                           -> the same files as PDF

Modules: context.py (an audit read once, each site's criteria judged), model.py (a site's
report model, pure data), review.py (strengths and requests), overview.py (the top page, the
units' pages and the most common findings), trends.py (scores across audits of a registry),
score.py (score and verdict), catalogue.py (rule metadata and legal regimes), wording.py (the
department's prose), evidence.py (evidence made safe to show), charts.py (SVG geometry),
i18n.py (Vietnamese and English words), render.py (Jinja2), pdf.py (WeasyPrint).
"""

from auditor.reports.render import render_audit, render_site_report

__all__ = ["render_audit", "render_site_report"]
