"""`auditor report`: write the HTML (and PDF) inspection reports of a stored audit."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.options import audit_option, db_option, open_store, resolve_audit
from auditor.errors import UsageError

out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path),
                          default=Path("audit-out"), show_default=True,
                          help="Folder for index.html (the overview) and sites/*.html.")
lang_option = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                           help="Language of the reports (Vietnamese, or English).")


@click.command("report")
@db_option
@audit_option
@out_option
@lang_option
@click.option("--pdf", is_flag=True, help="Also write a PDF of every report (needs WeasyPrint: "
                                          "pip install 'vngov-auditor[pdf]').")
def command(db, audit_id, out, lang, pdf):
    """Write the inspection reports of a stored audit.

    index.html is the province overview (ranking, roll-up per parent unit, charts, change since
    the previous audit); sites/<id>.html is each site's report in the form of the department's
    review: results per criterion, strengths, shortcomings with evidence and legal basis,
    requests, and an appendix of every finding by page. The files are self-contained: no
    script, no font or image from the network; open them in a browser or print them on A4.

    \b
    Examples:
      auditor report --db quangtri.db --out reports/2026-q4
      auditor report --db quangtri.db --audit 3 --lang en --pdf
    """
    from auditor.reports import render_audit
    from auditor.reports.pdf import PdfUnavailable, check_available, write_pdfs

    if pdf:
        try:
            check_available()  # before any work: say it now, not after the HTML
        except PdfUnavailable as error:
            raise UsageError(str(error)) from None
    store = open_store(db)
    try:
        audit = resolve_audit(store, audit_id)
        paths = render_audit(store, audit["id"], out, lang)
    finally:
        store.close()
    if pdf:
        write_pdfs(paths)
    sites = sum(1 for path in paths if path.parent.name == "sites")
    click.echo(f"Audit {audit['id']}: {sites} site reports in {out / 'sites'}"
               + (" (with PDF)" if pdf else ""))
    click.echo(f"Overview: {paths[0].resolve()}")
