"""Retention: `auditor prune --keep N` drops the WARC files of all but the newest N audits.

The store keeps everything else: the pages' digests, record ids and capture times, the findings
and their digests. A marker file ``<db>.warc/<audit>.pruned`` (the date it was pruned) lets the
report and ``evidence verify`` say "archive pruned" instead of "file missing".
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from auditor.archive.warcfile import archive_root

KEPT, PRUNED, MISSING = "kept", "pruned", "missing"


def pruned_marker(root: Path, audit_id: int) -> Path:
    return root / f"{audit_id}.pruned"


def archive_state(root: Path, audit_id: int) -> tuple[str, str]:
    """(kept | pruned | missing, the date it was pruned or "") of one audit's archive."""
    marker = pruned_marker(root, audit_id)
    if marker.is_file():
        return PRUNED, marker.read_text(encoding="utf-8").strip()
    return (KEPT if (root / str(audit_id)).is_dir() else MISSING), ""


def prune(db: Path, audit_ids_newest_first: list[int], keep: int) -> tuple[list[int], int]:
    """Drop the archives of the audits after the first ``keep``; (audits pruned, bytes freed)."""
    root = archive_root(db)
    pruned, freed = [], 0
    for audit_id in audit_ids_newest_first[keep:]:
        folder = root / str(audit_id)
        if not folder.is_dir():
            continue
        freed += sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        # The marker first: an interrupted prune leaves "pruned", never an unexplained gap.
        pruned_marker(root, audit_id).write_text(
            datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") + "\n", encoding="utf-8")
        shutil.rmtree(folder)
        pruned.append(audit_id)
    return pruned, freed
