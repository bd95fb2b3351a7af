"""The legal documents RULES.md cites, as Basis factories, so every rule spells them the same way.

Articles are written the Vietnamese way, smallest unit first: RULES.md's "Art. 10(1)(a)" is
"điểm a khoản 1 Điều 10". Decree 42/2022 and Circular 26/2020 were read only in excerpts
(RULES.md, Sources): their citations are marked unverified. Nothing here quotes article text.
"""

from __future__ import annotations

from auditor.rules.base import QUALITY, Basis


def _cite(document: str, unverified: bool = False):
    def cite(article: str = "") -> Basis:
        return Basis(document, article, unverified=unverified)
    return cite


ND43 = _cite("Nghị định 43/2011/NĐ-CP")
ND42 = _cite("Nghị định 42/2022/NĐ-CP", unverified=True)
ND224 = _cite("Nghị định 224/2026/NĐ-CP")
TT32 = _cite("Thông tư 32/2017/TT-BTTTT")
TT26 = _cite("Thông tư 26/2020/TT-BTTTT", unverified=True)
LAW_ACCESS = _cite("Luật Tiếp cận thông tin 104/2016/QH13")
ND13 = _cite("Nghị định 13/2018/NĐ-CP")
LAW_ADS = _cite("Luật Quảng cáo 16/2012/QH13 (sửa đổi, bổ sung bởi Luật 75/2025/QH15)")
LAW_IP = _cite("Luật Sở hữu trí tuệ 50/2005/QH11")
LAW_PRESS = _cite("Luật Báo chí")
CT34 = _cite("Chỉ thị 34/2008/CT-TTg")
REORGANISATION = Basis("Sắp xếp đơn vị hành chính năm 2025 (bỏ cấp huyện từ 01/7/2025)")
FRS001_PREREQUISITE = Basis("Điều kiện để đánh giá tiêu chí FRS-001 (cập nhật thông tin)", note="quality")

__all__ = ["ND43", "ND42", "ND224", "TT32", "TT26", "LAW_ACCESS", "ND13", "LAW_ADS", "LAW_IP",
           "LAW_PRESS", "CT34", "REORGANISATION", "QUALITY", "FRS001_PREREQUISITE"]

# The laws cited under every regime, as the report's regime line names them after the regime's
# own texts (RULES.md, "Which law applies"): (Vietnamese, English).
ALWAYS_APPLICABLE = (
    (LAW_ACCESS().document, "Access to Information Law 104/2016/QH13"),
    (ND13().document, "Decree 13/2018/NĐ-CP"),
    (LAW_ADS().document, "Advertising Law 16/2012/QH13 (as amended by Law 75/2025/QH15)"),
    (LAW_IP().document, "Law on Intellectual Property 50/2005/QH11"),
)
