"""rules/_literals.py: the strings a pattern cannot match without, and TEC-003's first test."""

import pytest

from auditor.rules._literals import required_literals
from auditor.rules.tec_003_leaked_debug import compiled, first_match, literal_screen


@pytest.mark.parametrize("pattern, literals", [
    (r"pageHolder\.get\w+\(\)", ("pageHolder.get",)),
    (r"(?:Notice|Warning): .{0,200}? on line \d+", (" on line ",)),  # the longest is chosen
    (r"ORA-\d{5}|SQLSTATE\[\w+\]", ("ORA-", "SQLSTATE[")),  # one per alternative
    (r"(?:abc)+x", ("abc",)),  # a part repeated at least once is required
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == literals


@pytest.mark.parametrize("pattern", [
    r"(?i)pageholder",       # any case: the literal as written is not required
    r"(?i:abc)\d",           # the same, in a scoped group
    r"ab|\d+",               # an alternative without a literal
    r"(?:abc)?\d",           # an optional part
    r"(?:abc)*\d",
    r"[<>]\d",
])
def test_no_literals_when_a_match_may_lack_them(pattern):
    assert required_literals(pattern) is None


LEAKS = [line.partition(" = ") for line in open("rules/data/leaks.txt", encoding="utf-8")
         if " = " in line and not line.startswith("#")]
MATCHING = [
    "pageHolder.getStart()", "Notice: Undefined index: id in /x.php on line 12",
    "Undefined variable: $a", "<?php echo 1;", "Traceback (most recent call last):",
    "(GetterUtil.java:123)", "java.lang.NullPointerException", "org.apache.jasper.JasperException",
    "Server Error in '/' Application", "[NullReferenceException]",
    "System.Data.SqlClient.SqlException", "ORA-12345", "SQLSTATE[HY000]", "${page.title}",
    "$!{name} x", "#set ($a = 1)", "[an error occurred while processing this directive]",
    "<%= request.getParameter %>", "Tin tức: FreeMarker template error ở đây",
]


@pytest.mark.parametrize("text", MATCHING + ["Tin tức – sự kiện, lịch công tác tuần"])
def test_first_match_finds_what_search_finds(text):
    lines = tuple(f"{name} = {pattern.strip()}" for name, _, pattern in LEAKS)
    matched = 0
    for name, pattern, literals in compiled(lines):
        for haystack in (text, f"Trang chủ\n{text}\nHết"):
            expected = pattern.search(haystack)
            found = first_match(pattern, literals, haystack)
            assert (found and found.span()) == (expected and expected.span()), (name, haystack)
            matched += bool(found)
    assert matched or text not in MATCHING  # each leak example is found by some pattern


def test_every_leak_pattern_has_a_first_test():
    """A pattern added to leaks.txt without a required literal would be searched on every page."""
    assert len(LEAKS) >= 15 and all(required_literals(pattern.strip()) for _, _, pattern in LEAKS)


def test_the_literal_screen_lets_through_every_text_a_pattern_matches():
    patterns = compiled(tuple(f"{name} = {pattern.strip()}" for name, _, pattern in LEAKS))
    screen = literal_screen(patterns)
    for text in MATCHING:
        assert screen.search(text), text
    assert not screen.search("Tin tức – sự kiện, lịch công tác tuần")
    assert literal_screen(compiled(("a = Undefined", "b = \\d+"))) is None  # b requires nothing
