"""An evidence bundle: what an inspector hands over about some findings (`auditor evidence`).

``<out>/``
  ``records.warc.gz``  the request and response records of the findings' pages, copied byte
                       for byte from the audit's WARC (each record is its own gzip member)
  ``copies/N.html``    each page's inert copy (auditor/archive/inert.py)
  ``screenshots/*.png`` where Chromium is installed: each finding's page rendered from its copy,
                       the offending element outlined (auditor/archive/screenshot.py)
  ``manifest.json``    the findings (rule, basis, URL, capture time, digests, locator), the
                       pages (record ids, offsets in records.warc.gz), the SHA-256 of every file
                       and the tool's version; `auditor evidence verify <out>` re-checks it
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from auditor.archive.inert import Capture, inert_html
from auditor.archive.prune import KEPT, archive_state
from auditor.archive.screenshot import element_locator
from auditor.archive.warcfile import WARC_VERSION, archive_root, read_answer, sha256_hex
from auditor.identity import NAME, VERSION

MANIFEST = "manifest.json"
RECORDS = "records.warc.gz"


@dataclass
class BundlePage:
    row: dict  # the page row (auditor/store/queries.py archived_page)
    number: int
    problem: str = ""  # why its records are not in the bundle ("archive pruned on ...")
    offset: int | None = None  # its response record's offset in records.warc.gz
    copy: str = ""  # copies/N.html


@dataclass
class Bundle:
    out: Path
    pages: dict[tuple[str, str], BundlePage] = field(default_factory=dict)  # (site, url) -> page
    notes: list[str] = field(default_factory=list)


def member_extents(path: Path) -> dict[int, tuple[int, str, str]]:
    """offset -> (length, WARC-Type, WARC-Concurrent-To) of every record of a WARC."""
    extents = {}
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            concurrent = record.rec_headers.get_header("WARC-Concurrent-To") or ""
            kind = record.rec_type
            records.read_to_end(record)
            extents[records.get_record_offset()] = (records.get_record_length(), kind, concurrent)
    return extents


def exchange_members(response_offset: int, record_id: str,
                     extents: dict[int, tuple[int, str, str]]) -> list[tuple[int, int]]:
    """(offset, length) of the request record concurrent to the response, then the response."""
    members = [(offset, extent[0]) for offset, extent in extents.items()
               if extent[1] == "request" and extent[2] == record_id]
    return members[:1] + [(response_offset, extents[response_offset][0])]


def add_page(bundle: Bundle, row: dict, db: Path, audit_id: int, warc, extents_cache: dict) -> BundlePage:
    key = (row["site"], row["url"])
    if key in bundle.pages:
        return bundle.pages[key]
    page = bundle.pages[key] = BundlePage(row, len(bundle.pages) + 1)
    root = archive_root(db)
    state, when = archive_state(root, audit_id)
    source = root / row["warc_file"]
    if state != KEPT or not source.is_file():
        page.problem = f"archive pruned on {when}" if when else f"{row['warc_file']}: the WARC file is missing"
        return page
    try:
        answer = read_answer(source, row["warc_offset"])
        if answer.payload_sha256 != row["payload_sha256"]:
            page.problem = (f"{row['warc_file']}: the record at offset {row['warc_offset']} was altered "
                            f"(payload SHA-256 {answer.payload_sha256}, stored {row['payload_sha256']})")
            return page
        if source not in extents_cache:
            extents_cache[source] = member_extents(source)
        members = exchange_members(row["warc_offset"], row["warc_record_id"], extents_cache[source])
        copy_members(source, members, warc, page, row["warc_offset"])
    except Exception as error:  # noqa: BLE001 - an unreadable archive is said in the manifest, not raised
        page.problem = (f"{row['warc_file']}: the record at offset {row['warc_offset']} cannot be read "
                        f"({type(error).__name__}: {error})")
        return page
    page.copy = f"copies/{page.number}.html"
    capture = Capture(row["final_url"] or row["url"], row["warc_date"], row["payload_sha256"])
    (bundle.out / page.copy).write_text(inert_html(answer.body, answer.content_type, capture),
                                        encoding="utf-8")
    return page


def copy_members(source: Path, members: list[tuple[int, int]], warc, page: BundlePage,
                 response_offset: int) -> None:
    """Copy the gzip members byte for byte; note where the response lands in the bundle."""
    with source.open("rb") as stream:
        for offset, length in members:
            stream.seek(offset)
            if offset == response_offset:
                page.offset = warc.tell()
            warc.write(stream.read(length))


def write_records(bundle: Bundle, findings: list[dict], rows: dict[int, dict], db: Path,
                  audit_id: int) -> None:
    """The records and inert copies of the findings' pages; ``rows``: finding id -> page row."""
    (bundle.out / "copies").mkdir(parents=True, exist_ok=True)
    extents_cache: dict = {}
    with (bundle.out / RECORDS).open("wb") as warc:
        writer = WARCWriter(warc, gzip=True, warc_version=WARC_VERSION)
        writer.write_record(writer.create_warcinfo_record(RECORDS, {
            "software": f"{NAME} {VERSION}", "description": f"evidence bundle of audit {audit_id}"}))
        for finding in findings:
            row = rows.get(finding["id"])
            if row is not None:
                add_page(bundle, row, db, audit_id, warc, extents_cache)


def finding_entry(finding: dict, page: BundlePage | None, shot: dict | None) -> dict:
    evidence = json.loads(finding["evidence"] or "{}")
    entry = {
        "fingerprint": finding["fingerprint"], "rule": finding["rule"], "title": finding["title"],
        "severity": finding["severity"], "basis": finding["basis"],
        "basis_kind": finding.get("basis_kind") or "", "site": finding["site"],
        "url": finding["url"] or "", "message": finding["message"], "evidence": evidence,
        "locator": element_locator(evidence), "page_sha256": finding.get("page_sha256") or "",
        "captured_at": finding.get("captured_at") or "", "page": page.number if page else None,
    }
    if shot:
        entry["screenshot"] = shot
    return entry


def page_entry(page: BundlePage) -> dict:
    row = page.row
    entry = {"number": page.number, "site": row["site"], "url": row["url"],
             "final_url": row["final_url"] or row["url"], "captured_at": row["warc_date"],
             "payload_sha256": row["payload_sha256"], "warc_record_id": row["warc_record_id"],
             "source": {"warc_file": row["warc_file"], "offset": row["warc_offset"]}}
    if page.problem:
        entry["problem"] = page.problem
    else:
        entry.update(records_offset=page.offset, copy=page.copy)
    return entry


def file_digests(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): sha256_hex(path.read_bytes())
            for path in sorted(out.rglob("*")) if path.is_file() and path.name != MANIFEST}


def write_manifest(bundle: Bundle, audit: dict, selection: dict, entries: list[dict]) -> dict:
    manifest = {
        "tool": {"name": NAME, "version": VERSION},
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "audit": {"id": audit["id"], "started_at": audit.get("started_at") or ""},
        "selection": selection, "records": RECORDS,
        "findings": entries, "pages": [page_entry(page) for page in bundle.pages.values()],
        "notes": bundle.notes, "files": file_digests(bundle.out),
    }
    (bundle.out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    return manifest


def page_of(bundle: Bundle, rows: dict[int, dict], finding: dict) -> BundlePage | None:
    """The bundle's page a finding was found on (None: a finding about the whole site)."""
    row = rows.get(finding["id"])
    return bundle.pages.get((row["site"], row["url"])) if row else None


def take_screenshots(bundle: Bundle, findings: list[dict], rows: dict[int, dict], chromium: str) -> dict:
    """finding id -> its screenshot entry (file, the element's box, or why there is none)."""
    from auditor.archive.screenshot import ArchiveCamera

    shots = {}
    (bundle.out / "screenshots").mkdir(exist_ok=True)
    camera = ArchiveCamera(chromium)
    try:
        camera.start()
    except Exception as error:  # noqa: BLE001 - a browser that cannot start costs the pictures only
        bundle.notes.append(f"Chromium could not start ({type(error).__name__}): no screenshots")
        return shots
    try:
        for finding in findings:
            page = page_of(bundle, rows, finding)
            if page is None or not page.copy:
                continue
            locator = element_locator(json.loads(finding["evidence"] or "{}"))
            name = f"screenshots/{finding['rule']}-{finding['fingerprint'][:12]}.png"
            box = camera.shoot(bundle.out / page.copy, locator, bundle.out / name)
            shots[finding["id"]] = {"file": name, "outlined": box is not None, "box": box}
    finally:
        camera.close()
    if camera.blocked:
        bundle.notes.append(f"{len(camera.blocked)} requests of the copies were blocked: "
                            + ", ".join(camera.blocked[:5]))
    return shots


def build_bundle(store, db: Path, audit: dict, findings: list[dict], selection: dict, out: Path,
                 chromium: str | None) -> dict:
    """Write the bundle of ``findings`` (store rows) to ``out``; return its manifest."""
    from auditor.store.queries import archived_page

    out.mkdir(parents=True, exist_ok=True)
    bundle = Bundle(out)
    rows = {finding["id"]: row for finding in findings if finding["url"]
            for row in [archived_page(store, audit["id"], finding["site"], finding["url"])] if row}
    write_records(bundle, findings, rows, db, audit["id"])
    shots = {}
    if chromium is None:
        bundle.notes.append("Chromium was not found: no screenshots (install Debian's chromium "
                            "and the `browser` extra)")
    elif bundle.pages and any(page.copy for page in bundle.pages.values()):
        shots = take_screenshots(bundle, findings, rows, chromium)
    entries = [finding_entry(finding, page_of(bundle, rows, finding), shots.get(finding["id"]))
               for finding in findings]
    return write_manifest(bundle, audit, selection, entries)
