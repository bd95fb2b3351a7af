"""Re-check an audit's evidence: every stored page digest against its WARC record.

For each archived page of the audit, the record at the stored offset must exist, be the
response record the store names (WARC-Record-ID) and hold a payload whose SHA-256 is the stored
one. Anything else is a :class:`Mismatch` naming the file and record; nothing here raises on a
bad file (a missing, truncated or altered WARC is what this is for).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class Mismatch:
    warc_file: str
    record_id: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.warc_file} {self.record_id} ({self.url}): {self.problem}"


def locate(target: Path, warc_file: str) -> Path | None:
    """The file a page row names, under ``target``: the archive root (``<db>.warc``), one
    audit's folder, or ``target`` itself when it is that WARC. None: not this target's."""
    if target.is_file() or target.suffix == ".gz":
        return target if target.name == Path(warc_file).name else None
    for candidate in (target / warc_file, target / Path(warc_file).name):
        if candidate.exists():
            return candidate
    return target / warc_file


def read_payload(path: Path, offset: int) -> tuple[str, str, bytes]:
    """(WARC-Type, WARC-Record-ID, raw HTTP payload) of the record starting at ``offset``."""
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return (record.rec_type, record.rec_headers.get_header("WARC-Record-ID") or "",
                record.raw_stream.read())


def check_page(path: Path, page: dict) -> str | None:
    """What is wrong with the page's record, or None."""
    if not path.exists():
        return "the WARC file is missing"
    try:
        kind, record_id, payload = read_payload(path, page["warc_offset"])
    except StopIteration:
        return f"no record at offset {page['warc_offset']} (the file ends before it)"
    except Exception as error:  # noqa: BLE001 - any unreadable record is a finding of verify
        return f"the record at offset {page['warc_offset']} cannot be read ({type(error).__name__}: {error})"
    if record_id != page["warc_record_id"] or kind != "response":
        return f"offset {page['warc_offset']} holds {kind} record {record_id}, not the response recorded"
    digest = hashlib.sha256(payload).hexdigest()
    if digest != page["payload_sha256"]:
        return f"payload SHA-256 {digest} differs from the stored {page['payload_sha256']}"
    return None


def verify(pages: list[dict], target: Path) -> tuple[int, list[Mismatch]]:
    """(records checked, mismatches) of the pages whose WARC lies under ``target``."""
    checked, mismatches = 0, []
    for page in pages:
        path = locate(target, page["warc_file"])
        if path is None:
            continue
        checked += 1
        problem = check_page(path, page)
        if problem:
            mismatches.append(Mismatch(page["warc_file"], page["warc_record_id"], page["url"], problem))
    return checked, mismatches


def verify_bundle(folder: Path) -> tuple[int, list[Mismatch]]:
    """(records and files checked, mismatches) of an evidence bundle (auditor/archive/bundle.py)
    against its manifest: every page's record in ``records.warc.gz``, every file's SHA-256."""
    import json

    from auditor.archive.bundle import MANIFEST

    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    checked, mismatches = 0, []
    records = folder / manifest["records"]
    for page in manifest["pages"]:
        if page.get("problem"):
            continue
        checked += 1
        problem = check_page(records, {"warc_offset": page["records_offset"],
                                       "warc_record_id": page["warc_record_id"],
                                       "payload_sha256": page["payload_sha256"]})
        if problem:
            mismatches.append(Mismatch(manifest["records"], page["warc_record_id"], page["final_url"], problem))
    for name, digest in manifest["files"].items():
        checked += 1
        path = folder / name
        if not path.is_file():
            mismatches.append(Mismatch(name, "-", "-", "the file is missing"))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            mismatches.append(Mismatch(name, "-", "-", f"its SHA-256 differs from the manifest's {digest}"))
    return checked, mismatches
