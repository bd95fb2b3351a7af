"""The demo audit's JSON export, compared with a committed one: refactoring must not change a
finding, a fingerprint, a message, a count or a site's crawl status.

The province is served as of a fixed day and judged as of that day, so dates written relative
to today on the fixture pages are the same in every run; what still varies (ports, the audit's
times) is normalised. After a deliberate change of behaviour, regenerate the reference with
``python tests/test_demo_export.py`` and review its diff.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from auditor.demo.server import DEMO_ROOT, serve_province
from conftest import export, run_cli

REFERENCE = Path(__file__).parent / "data" / "demo-export.json"
DEMO_DAY = datetime(2026, 6, 15, 10, 0)
_PORT = re.compile(r"127\.0\.0\.1:\d+")


def normalised(document: dict) -> dict:
    """The export without what legitimately varies between runs: ports and the audit's clock."""
    audit = {**document["audit"], "id": "ID", "started_at": "TIME", "finished_at": "TIME"}
    # A page's digest covers its bytes, which name the port; its capture time is the clock's.
    findings = [{**f, "page_sha256": "SHA-256" if f.get("page_sha256") else None,
                 "captured_at": "TIME" if f.get("captured_at") else None} for f in document["findings"]]
    return json.loads(_PORT.sub("127.0.0.1:PORT", json.dumps({**document, "audit": audit, "findings": findings},
                                                               ensure_ascii=False)))


def demo_export(folder: Path) -> dict:
    with serve_province(DEMO_ROOT, today=DEMO_DAY) as served:
        registry = served.write_registry(folder / "sites.toml")
        result = run_cli("audit", registry, "--db", folder / "demo.db", "--out", folder / "out",
                         "--quiet", "--workers", "1", "-s", f"AUDITOR_AUDIT_DATE={DEMO_DAY.date()}")
    assert result.returncode in (0, 1), result.stderr[-3000:]
    return normalised(export(folder / "demo.db"))


def test_the_demo_export_is_unchanged(tmp_path):
    expected = json.loads(REFERENCE.read_text(encoding="utf-8"))
    actual = demo_export(tmp_path)
    assert [site["id"] for site in actual["sites"]] == [site["id"] for site in expected["sites"]]
    for got, want in zip(actual["sites"], expected["sites"]):
        assert got == want
    assert sorted(f["fingerprint"] for f in actual["findings"]) == \
        sorted(f["fingerprint"] for f in expected["findings"])
    by_print = {f["fingerprint"]: f for f in expected["findings"]}
    for finding in actual["findings"]:
        assert finding == by_print[finding["fingerprint"]]
    assert actual == expected


if __name__ == "__main__":  # regenerate the reference
    sys.path.insert(0, str(Path(__file__).parent))
    with tempfile.TemporaryDirectory() as tmp:
        document = demo_export(Path(tmp))
    REFERENCE.parent.mkdir(exist_ok=True)
    REFERENCE.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE}: {len(document['findings'])} findings")
