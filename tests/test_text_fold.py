"""rules/_text.fold: the one-table fold gives what the translate-then-regex fold gave."""

import re
import sys
import unicodedata

from hypothesis import given, settings, strategies as st

from auditor.rules._text import _STRIP, fold


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
