"""TEC-003: No template, debug or error text leaked into pages.

Patterns are pack data (rules/data/leaks.txt, ``name = regex``): Liferay's
``pageHolder.getStart()`` (seed 000), PHP notices, stack traces, SQL errors, unrendered
template expressions. Matched against each page's visible text and title, error pages
included (a 500 page is where a stack trace shows). One finding per pattern and site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._literals import required_literals
from auditor.rules.base import Rule, RuleContext

SNIPPET = 120


@lru_cache(maxsize=16)
def compiled(lines: tuple[str, ...]) -> tuple[tuple[str, re.Pattern, tuple[str, ...] | None], ...]:
    """Each pattern's name, regex and the strings one of which any match contains (None: the
    pattern is searched on every page)."""
    out = []
    for line in lines:
        name, _, pattern = line.partition(" = ")
        if pattern:
            out.append((name.strip(), re.compile(pattern.strip()), required_literals(pattern.strip())))
    return tuple(out)


@lru_cache(maxsize=16)
def literal_screen(patterns: tuple) -> re.Pattern | None:
    """One search for every pattern's required literals at once (None when a pattern has none):
    a page it finds nothing in matches no pattern, and that is most pages (0.25 ms on a 33 K
    character page, where testing the literals one by one takes 0.5 ms). A part of a required
    literal is required too: the spaces around " on line " are left out, since a choice of
    literals is tried at every character that one of them starts with."""
    literals = {literal.strip() or literal for _, _, required in patterns for literal in required or ()}
    if any(required is None for _, _, required in patterns) or not literals:
        return None
    return re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))


def first_match(pattern: re.Pattern, literals: tuple[str, ...] | None, text: str):
    """``pattern.search(text)``, skipped where no required literal is in the text (most pages:
    15 substring tests cost less than the one search of a pattern starting with a choice)."""
    if literals is not None and not any(literal in text for literal in literals):
        return None
    return pattern.search(text)


class LeakedDebugText(Rule):
    id = "TEC-003"
    scope = "page"
    reads = ("final_url", "status", "text", "title")
    lists = ("leak_patterns",)
    severity = "warning"
    judges_error_pages = True
    title_vi = "Không lộ mã giao diện, thông báo lỗi, thông tin gỡ lỗi trên trang"
    title_en = "No template, debug or error text leaked into pages"
    failure_vi = "Trang hiển thị mã giao diện hoặc thông báo lỗi kỹ thuật"
    remedy_vi = ("Đề nghị khắc phục lỗi hiển thị mã giao diện, thông báo lỗi; tắt chế độ hiển thị "
                 "lỗi (debug) trên máy chủ vận hành.")
    remedy_en = "Please fix the templates and turn error display (debug mode) off in production."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        text = f"{facts.title}\n{facts.text}"
        patterns = compiled(ctx.words("leak_patterns"))
        screen = literal_screen(patterns)
        if screen is not None and not screen.search(text):
            return
        for name, pattern, literals in patterns:
            match = first_match(pattern, literals, text)
            if match:
                start = max(match.start() - 20, 0)
                yield self.finding(facts, f"Trang hiển thị mã giao diện, thông báo lỗi ({name}).",
                                   url=facts.final_url, key=name, grouped=True, pattern=name,
                                   snippet=" ".join(text[start:match.end() + SNIPPET].split())[:200],
                                   status=facts.status)
