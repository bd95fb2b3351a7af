"""A real audit store with findings written through Store.add_findings, for the gate and formats.

The findings are the kind the rules produce: page findings, a grouped finding seen on several
pages, a site-wide one; with Vietnamese text and evidence that a format must carry intact.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from auditor.judge.findings import Finding
from auditor.gate.formats.json_doc import audit_document
from auditor.registry import registry_for_url
from auditor.store.database import Store

SITE_URL = "http://127.0.0.1:8123/xa-a/"


def finding(rule: str, severity: str, path: str | None, key: str = "", grouped: bool = False,
            count: int = 1, **evidence) -> Finding:
    url = SITE_URL + path if path is not None else None
    return Finding(rule=rule, site="xa-a", message=f"{rule}: vi phạm tại {path or 'toàn trang'}",
                   url=url, key=key, evidence=evidence or {"snippet": f"<a href='x'>{rule}</a>"},
                   grouped=grouped, severity=severity, title=f"Tiêu chí {rule}",
                   basis=f"Nghị định 42/2022/NĐ-CP, Điều {rule[-1]}", count=count)


DEFAULT_FINDINGS = (
    finding("ADS-003", "error", "tin-tuc/bai-1.html", snippet="nhà cái uy tín"),
    finding("MED-001", "warning", "tin-tuc/bai-2.html", src="https://baomoi.com/anh.jpg"),
    finding("ADS-002", "warning", "lien-ket/doi-tac.html", key="shop.example", grouped=True,
            href="https://shop.example/"),
    finding("FTR-003", "info", None, footer="(không có dòng bản quyền)"),
)


def store_with(tmp_path: Path, findings=DEFAULT_FINDINGS, pack: str = "") -> tuple[Store, int]:
    store = Store(tmp_path / "check.db")
    registry = registry_for_url(SITE_URL, level="xa", name="UBND xã A", site_id="xa-a")
    audit_id = store.new_audit(registry, pack=pack, settings={}, version="test", pid=0)
    site_row = store.site_ids(audit_id)["xa-a"]
    store.update_site(site_row, crawl_status="ok", pages=7)
    rows = [f.to_row(site_row) for f in findings]
    # a grouped finding seen on a second page: one row, counted twice, two sample URLs
    grouped = [f for f in findings if f.grouped]
    for f in grouped:
        rows.append(replace(f, url=SITE_URL + "gioi-thieu.html").to_row(site_row))
    store.add_findings(audit_id, rows)
    return store, audit_id


def document_with(tmp_path: Path, findings=DEFAULT_FINDINGS, pack: str = "") -> dict:
    store, audit_id = store_with(tmp_path, findings, pack)
    try:
        return audit_document(store, audit_id)
    finally:
        store.close()
