"""rules/_text.fold: the one-table fold gives what the translate-then-regex fold gave."""

import re
import sys
import unicodedata

from hypothesis import given, settings, strategies as st

from auditor.rules._text import _STRIP, FIND_HEAD, find_part, fold, fold_of_lines, stands_as_lines


def reference_fold(text: str) -> str:
    bare = unicodedata.normalize("NFC", text).lower().translate(_STRIP)
    return re.sub(r"[^0-9a-z]+", " ", bare).strip()


def test_every_character_folds_as_before():
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]  # no surrogates
    for start in range(0, len(chars), 65536):  # one fold per block; the differing one is named
        text = "".join(f"a{char}b {char} " for char in chars[start:start + 65536])
        if fold(text) != reference_fold(text):
            bad = next(c for c in chars[start:start + 65536] if fold(f"a{c}b {c}") != reference_fold(f"a{c}b {c}"))
            raise AssertionError(f"U+{ord(bad):04X} folds differently")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0189 -–.,;:!?()\n\t\u00a0")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "ệ", "Ữ", "ǅ", "İ", "ß", "ø", "中", "😀"]),
    max_size=60))
def test_text_folds_as_before(text):
    assert fold(text) == reference_fold(text)


LINES = st.lists(st.text(alphabet=st.sampled_from("aăĐđ eE\u0301\u0323Σ.-\t–x9"), max_size=8), max_size=6)


@settings(max_examples=300, deadline=None)
@given(before=LINES, part=LINES, after=LINES)
def test_a_piece_of_whole_lines_folds_as_cut_from_the_text(before, part, after):
    """fold_of_lines cuts the fold of a piece standing as whole lines from the text's fold:
    the same as folding the piece, however its edges fold (to nothing, to spaces, combining)."""
    text = "\n".join(before + part + after)
    at = len("\n".join(before)) + (1 if before and part else 0) if part else -1
    if not part or not stands_as_lines("\n".join(part), text, at):
        return
    end = at + len("\n".join(part))
    assert fold_of_lines(text, at, end) == fold(text[at:end])


def test_a_piece_not_standing_as_lines_is_told():
    assert stands_as_lines("b c", "a\nb c\nd", 2)
    assert not stands_as_lines("b", "a\nb c\nd", 2)  # a line's start, not the whole line
    assert not stands_as_lines("c", "a\nb c\nd", 4)
    assert not stands_as_lines("x", "a\nb", -1)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab\n", max_size=300),
       part=st.text(alphabet="ab\n", min_size=FIND_HEAD - 2, max_size=2 * FIND_HEAD))
def test_a_long_part_is_found_where_str_find_finds_it(text, part):
    """find_part searches the part's head, then compares the whole part: the place str.find
    gives, with heads that occur many times before the part (a two-letter alphabet)."""
    assert find_part(text, part) == text.find(part)
    assert find_part(text + part, part) == (text + part).find(part)
    head_first = text + part[:FIND_HEAD] + "\n" + part  # the head alone, then the whole part
    assert find_part(head_first, part) == head_first.find(part)
