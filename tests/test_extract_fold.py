"""extract._tidy_lines folds only the space runs that change, with the result of folding them all."""

from hypothesis import given, settings, strategies as st

from auditor.spiders.extract import _SPACES, _tidy_lines as _fold, nfc


def reference_fold(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return nfc("\n".join(line for line in lines if line))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ạ\n\t\r\f\v\u00a0\u200b\u2003x")), max_size=40))
def test_fold_matches_folding_every_run(text):
    assert _fold(text) == reference_fold(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ạ\n\t\r\f\v\u00a0\u200b\u2003x")), max_size=40))
def test_space_folding_is_the_space_class_substitution(text):
    """_fold_spaces (replace, then one regex for runs of " ") on the class's every character."""
    from auditor.spiders.extract import _fold_spaces

    assert _fold_spaces(text) == _SPACES.sub(" ", text)
