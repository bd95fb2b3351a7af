"""rules/_literals.py: the strings a pattern cannot match without, and TEC-003's first test."""

import pytest
from hypothesis import given, settings, strategies as st

from auditor.rules._literals import LiteralScreen, required_literals
from auditor.rules.tec_003_leaked_debug import compiled, literal_screen


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


PATTERNS = compiled(tuple(f"{name} = {pattern.strip()}" for name, _, pattern in LEAKS))
LITERALS = sorted({literal for _, _, required in PATTERNS for literal in required})


def screened_matches(text: str) -> list:
    """TEC-003's search: each pattern searched only where the screen finds one of its literals."""
    present = literal_screen(PATTERNS).present(text)
    return [None if present.isdisjoint(literals) else pattern.search(text) for _, pattern, literals in PATTERNS]


@pytest.mark.parametrize("text", MATCHING + ["Tin tức – sự kiện, lịch công tác tuần"])
def test_the_screen_finds_what_search_finds(text):
    for haystack in (text, f"Trang chủ\n{text}\nHết"):
        expected = [pattern.search(haystack) for _, pattern, _ in PATTERNS]
        assert [m and m.span() for m in screened_matches(haystack)] == [m and m.span() for m in expected]
    assert any(screened_matches(text)) or text not in MATCHING  # each leak example is found


# Texts made of pieces of the literals (their rarest characters too, apart from the rest) and
# Vietnamese: a literal whole, cut short, or next to its rarest character elsewhere.
PIECES = st.one_of(st.sampled_from(LITERALS),
                   st.sampled_from(LITERALS).flatmap(lambda lit: st.integers(0, len(lit)).map(lambda i: lit[:i])),
                   st.sampled_from(LITERALS).flatmap(lambda lit: st.integers(0, len(lit)).map(lambda i: lit[i:])),
                   st.sampled_from(["Tin tức", " ", "\n", "(", ".", "E", "O", "[", "$", "<", "'", "j", "l"]))
TEXTS = st.lists(PIECES, max_size=12).map("".join)


def present_errors(screen: LiteralScreen, text: str) -> set[str]:
    return screen.present(text) ^ {literal for literal in LITERALS if literal in text}


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_screen_tells_exactly_which_literals_a_text_holds(text):
    assert not present_errors(LiteralScreen(LITERALS), text)


def test_a_screen_that_compares_a_literal_one_place_off_is_caught():
    """The property above fails a screen whose offsets are wrong by one: it is not vacuous."""
    wrong = LiteralScreen(LITERALS)
    wrong.by_key = {key: [(literal, offset + 1) for literal, offset in items] for key, items in wrong.by_key.items()}
    assert any(present_errors(wrong, text) for text in MATCHING)
    assert not any(present_errors(LiteralScreen(LITERALS), text) for text in MATCHING)


def test_literals_with_only_frequent_characters_are_searched_whole():
    screen = LiteralScreen(["pageHolder.get", "<?php", " on line ", "Server Error in '"])
    assert sorted(screen.searched) == [" on line ", "pageHolder.get"]
    assert screen.by_key == {"<": [("<?php", 0)], "'": [("Server Error in '", 16)]}
    assert screen.present("x <?php online 3") == {"<?php"}
    assert screen.present("pageHolder.get() on line 3 Server Error in '/'") == {
        "pageHolder.get", " on line ", "Server Error in '"}
    assert screen.present("") == set()


def test_every_leak_pattern_has_a_first_test():
    """A pattern added to leaks.txt without a required literal would be searched on every page."""
    assert len(LEAKS) >= 15 and all(required_literals(pattern.strip()) for _, _, pattern in LEAKS)


def test_a_pattern_without_literals_is_searched_on_every_page():
    patterns = compiled(("a = Undefined", "b = \\d+"))
    assert literal_screen(patterns).present("Tin 24") == set() and patterns[1][2] is None


@pytest.mark.parametrize("text", [
    "Email Enter " * 10 + "HttpException",  # past the places compared: searched whole
    "Email Enter " * 10, "E" * 16 + "SqlException", "E" * 15 + "SqlException", "E" * 17,
])
def test_a_rare_character_met_often_still_tells_exactly(text):
    assert not present_errors(LiteralScreen(LITERALS), text)
