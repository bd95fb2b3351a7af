"""PDF copies of the HTML reports, through WeasyPrint (the optional extra ``pdf``).

WeasyPrint lays the same HTML out with the print stylesheet (A4, page numbers) and embeds the
fonts it used, so Vietnamese diacritics survive in the file; it never fetches anything here,
because the reports reference nothing outside themselves (and a URL fetcher that refuses all
requests makes sure of it).
"""

from __future__ import annotations

from pathlib import Path

INSTALL_HINT = "PDF output needs WeasyPrint: pip install 'vngov-auditor[pdf]' (or pip install weasyprint)"


class PdfUnavailable(RuntimeError):
    """WeasyPrint is not installed (or its system libraries, Pango, are missing)."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: installed, but libpango is missing
        raise PdfUnavailable(f"{INSTALL_HINT} ({error})") from None
    return weasyprint


def check_available() -> None:
    _weasyprint()


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"the report must not load {url!r}")


def write_pdf(html_path: Path) -> Path:
    weasyprint = _weasyprint()
    pdf_path = html_path.with_suffix(".pdf")
    document = weasyprint.HTML(filename=str(html_path), url_fetcher=_no_fetching, media_type="print")
    document.write_pdf(str(pdf_path))
    return pdf_path


def write_pdfs(html_paths: list[Path]) -> list[Path]:
    check_available()
    return [write_pdf(Path(path)) for path in html_paths]
