"""FTR-002: The footer names the owner agency, the person responsible (Trưởng Ban biên tập),
the address, a phone number and an email address.

Read on the home page's footer. Each missing item is its own finding (key ``owner``,
``responsible``, ``address``, ``phone``, ``email``), so that comparing two audits shows which
were added. The words that announce each item are pack data; a phone number or an email
address written out counts without its label. No licence number is asked for: a state agency's
site needs none (RULES.md, FTR).
"""

from __future__ import annotations

import re
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._text import fold, has_phrase, name_core
from auditor.rules.base import Rule, RuleContext

PHONE = re.compile(r"(?<!\d)(?:\+?84|0)\d{1,3}[ .]?\d{3,4}[ .]?\d{3,4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ITEMS = {
    "owner": "tên cơ quan chủ quản",
    "responsible": "người chịu trách nhiệm chính (Trưởng Ban biên tập)",
    "address": "địa chỉ",
    "phone": "số điện thoại",
    "email": "địa chỉ thư điện tử",
}


def mentions(folded: str, terms) -> bool:
    return any(has_phrase(folded, fold(term)) for term in terms)


def present_items(footer: str, site_name: str, ctx: RuleContext) -> set[str]:
    folded = fold(footer)
    core = name_core(site_name, ctx.words("name_prefixes"))
    found = set()
    if (core and has_phrase(folded, fold(core))) or mentions(folded, ctx.words("owner_terms")):
        found.add("owner")
    if mentions(folded, ctx.words("responsible_terms")):
        found.add("responsible")
    if mentions(folded, ctx.words("address_terms")):
        found.add("address")
    if PHONE.search(footer) or mentions(folded, ctx.words("phone_terms")):
        found.add("phone")
    if EMAIL.search(footer):
        found.add("email")
    return found


class FooterInformation(Rule):
    id = "FTR-002"
    scope = "site"
    reads = ("home", "home.final_url", "home.footer_text", "home.is_html", "name")
    lists = ("address_terms", "name_prefixes", "owner_terms", "phone_terms", "responsible_terms")
    severity = "warning"
    judges_abolished = False
    title_vi = ("Chân trang ghi cơ quan chủ quản, người chịu trách nhiệm chính, địa chỉ, điện thoại, "
                "thư điện tử")
    title_en = "The footer names the owner agency, the person responsible, address, phone and email"
    failure_vi = "Chân trang thiếu thông tin bắt buộc"
    remedy_vi = ("Đề nghị bổ sung ở chân trang: tên cơ quan chủ quản, họ tên Trưởng Ban biên tập "
                 "(người chịu trách nhiệm chính), địa chỉ, số điện thoại và thư điện tử liên hệ.")
    remedy_en = ("Please add to the footer the owner agency, the name of the person responsible "
                 "(head of the editorial board), the address, a phone number and an email address.")

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html:
            return
        footer = home.footer_text
        present = present_items(footer, site.name, ctx)
        for item, name in ITEMS.items():
            if item not in present:
                yield self.finding(site, f"Chân trang thiếu {name}.", url=home.final_url, key=item,
                                   missing=name, footer=" ".join(footer.split())[:300])
