"""What a rule is: metadata in the class (Lighthouse's ``meta``, sqlfluff's rule classes) and a
pure ``check`` over facts that yields findings.

A rule never fetches, never touches the store, never prints. Page rules see one page's
PageFacts; site rules see the SiteFacts of a whole site. Both also get a ``RuleContext``: the
audit date, the site's level and the rule pack's data (thresholds, word and domain lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from auditor.findings import Finding

FAMILIES = {
    "SEC": ("Chuyên mục bắt buộc", "Mandatory sections"),
    "FTR": ("Đầu trang và chân trang", "Masthead and footer"),
    "FRS": ("Cập nhật thông tin", "Timely updates"),
    "MED": ("Bản quyền nội dung, báo chí", "Press content and copyright"),
    "ADS": ("Quảng cáo và nội dung rác", "Advertising and injected spam"),
    "TEC": ("Kỹ thuật", "Technical quality"),
    "ACC": ("Hỗ trợ người khuyết tật", "Accessibility"),
}


@dataclass(frozen=True, slots=True)
class Basis:
    """A legal citation: the document and the article, e.g. ("Nghị định 42/2022/NĐ-CP", "Điều 4 khoản 1")."""

    document: str
    article: str = ""
    unverified: bool = False  # the clause was not read in full (RULES.md): said, never invented

    def __str__(self) -> str:
        text = f"{self.document}, {self.article}" if self.article else self.document
        return text + (" (chưa kiểm chứng toàn văn)" if self.unverified else "")


@dataclass(slots=True)
class RuleContext:
    """What a rule may know besides the facts: when, which level, and the pack's data."""

    audit_date: str  # ISO date
    level: str  # tinh | huyen | xa
    pack: str  # e.g. "nd224-2026"
    data: dict[str, Any] = field(default_factory=dict)  # the rule pack's data, per rule or shared
    site_status: str = "active"


class Rule:
    """Subclass, fill the metadata, implement ``check``. One rule per module under ``rules/``."""

    id: ClassVar[str]  # stable, with its family prefix: "ADS-003"
    scope: ClassVar[str]  # "page" or "site"
    severity: ClassVar[str]  # "error" | "warning" | "info" (a user config may change it)
    title_vi: ClassVar[str]  # the criterion, as the report's checklist names it
    title_en: ClassVar[str]
    failure_vi: ClassVar[str] = ""  # how a failed criterion reads ("Trang có quảng cáo ...")
    remedy_vi: ClassVar[str]  # phrased as the department's request ("Đề nghị gỡ bỏ ...")
    remedy_en: ClassVar[str]
    # Legal basis per regime (rule pack id); "*" applies under every regime.
    basis: ClassVar[dict[str, tuple[Basis, ...]]]
    regimes: ClassVar[tuple[str, ...]] = ()  # the packs the rule belongs to; () means all

    @property
    def family(self) -> str:
        return self.id.split("-", 1)[0]

    def basis_for(self, pack: str) -> tuple[Basis, ...]:
        return self.basis.get(pack) or self.basis.get("*", ())

    def citation(self, pack: str) -> str:
        return "; ".join(str(b) for b in self.basis_for(pack))

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, facts, message: str, url: str | None = None, key: str = "",
                grouped: bool = False, **evidence: Any) -> Finding:
        """A finding of this rule on the site the facts belong to."""
        return Finding(rule=self.id, site=facts.site, message=message, url=url, key=key,
                       evidence=evidence, grouped=grouped)
