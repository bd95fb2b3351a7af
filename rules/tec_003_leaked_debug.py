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
from auditor.rules._literals import LiteralScreen, required_literals
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
def literal_screen(patterns: tuple) -> LiteralScreen:
    """The patterns' required literals, to tell which patterns a page may match: a page without
    any of a pattern's literals has no match of it, and that is most pages for every pattern
    (a pattern without literals is searched on every page)."""
    return LiteralScreen(literal for _, _, required in patterns for literal in required or ())


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
        present = literal_screen(patterns).present(text)
        for name, pattern, literals in patterns:
            match = None if literals is not None and present.isdisjoint(literals) else pattern.search(text)
            if match:
                start = max(match.start() - 20, 0)
                yield self.finding(facts, f"Trang hiển thị mã giao diện, thông báo lỗi ({name}).",
                                   url=facts.final_url, key=name, grouped=True, pattern=name,
                                   snippet=" ".join(text[start:match.end() + SNIPPET].split())[:200],
                                   status=facts.status)
