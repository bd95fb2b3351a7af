"""The archived copies a site report links to: each appendix page's inert copy, rebuilt from
the audit's WARC (auditor/archive/inert.py) and written beside the report, so that the report
opens the page as the audit saw it without any network.

``<report folder>/archive/<site>/<digest>.html``. A pruned, missing or altered archive gives no
copy but a note in the appendix, never an error.
"""

from __future__ import annotations

from pathlib import Path

from auditor.archive.inert import Capture, inert_html
from auditor.archive.prune import PRUNED, archive_state
from auditor.archive.warcfile import archive_root, read_answer
from auditor.reports.i18n import word
from auditor.reports.model import SiteReport
from auditor.store.database import Store
from auditor.store.queries import archived_page

ARCHIVE_DIR = "archive"


def write_archived_copies(store: Store, audit_id: int, report: SiteReport, report_dir: Path) -> None:
    """Write the inert copy of each appendix page that has a capture; set its link or a note."""
    root = archive_root(store.path)
    state, when = archive_state(root, audit_id)
    for page in report.appendix:
        if page.url is None or page.capture is None:
            continue
        if state == PRUNED:
            page.archive_note = word("archive_pruned", report.lang, date=when)
            continue
        row = archived_page(store, audit_id, report.site.key, page.url)
        if row is None:
            continue
        page.copy_href, page.archive_note = _write_copy(root, row, report, report_dir)


def _write_copy(root: Path, row: dict, report: SiteReport, report_dir: Path) -> tuple[str, str]:
    """(relative link to the copy, "") or ("", why there is none)."""
    try:
        answer = read_answer(root / row["warc_file"], row["warc_offset"])
    except Exception:  # noqa: BLE001 - a missing file or an unreadable record is said, not raised
        return "", word("archive_missing", report.lang, file=row["warc_file"])
    if answer.payload_sha256 != row["payload_sha256"]:
        return "", word("archive_altered", report.lang, file=row["warc_file"])
    relative = f"{ARCHIVE_DIR}/{report.site.key}/{row['payload_sha256'][:20]}.html"
    capture = Capture(row["final_url"] or row["url"], row["warc_date"], row["payload_sha256"])
    path = report_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(inert_html(answer.body, answer.content_type, capture), encoding="utf-8")
    return relative, ""
