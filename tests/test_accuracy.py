"""The accuracy harness (bench/accuracy.py) on the real-CMS corpus of tests/cms/: every corpus is
served, audited by the CLI as of its capture date and scored against its labels.

The floors of issue 11 are checked by `python bench/accuracy.py --check` in .ci/run; this test
keeps what is reached from slipping back (a ratchet: raise the figures as fixes land) and
proves the harness scores every labelled page and every planted violation.
"""

from __future__ import annotations

import sys
from auditor import toml
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402

# Reached on the corpus (bench/accuracy.py); a change that lowers one of them fails here.
REACHED_FACTS = {"main_text": 1.0, "article": 1.0, "date": 1.0, "author": 1.0, "source": 1.0}
REACHED_RECALL = {"ADS": 1.0, "MED": 1.0, "ACC": 1.0, "FRS": 1.0, "TEC": 1.0, "SEC": 1.0, "FTR": 1.0}
REACHED_PRECISION = {"ADS": 1.0, "MED": 1.0, "ACC": 1.0, "FRS": 1.0, "TEC": 1.0, "FTR": 1.0, "SEC": 1.0}
NO_DECOY_HIT = ("MED", "ADS", "ACC", "FRS", "TEC", "FTR", "SEC")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folders = accuracy.corpora()
    if not folders:
        pytest.skip("no labelled corpus under tests/cms/")
    return accuracy.run(folders, tmp_path_factory.mktemp("accuracy")), folders


def test_every_labelled_page_and_planted_violation_is_scored(report):
    result, folders = report
    labelled = sum(len(toml.loads((f / "labels.toml").read_text(encoding="utf-8")).get("page", []))
                   for f in folders)
    scored = sum(t["article"].total for t in result.facts.values())
    assert scored == labelled
    assert sum(s.planted for s in result.families.values()) > 0
    assert "Findings per family" in accuracy.render(result)


def test_accuracy_does_not_slip_back(report):
    result, _ = report
    for cms, tallies in result.facts.items():
        for fact, floor in REACHED_FACTS.items():
            share = tallies[fact].share
            assert share is None or share >= floor, (cms, fact, share, tallies[fact].misses[:5])
    for family, floor in REACHED_RECALL.items():
        score = result.families[family]
        assert score.recall is None or score.recall >= floor, (family, score.notes[:5])
    for family, floor in REACHED_PRECISION.items():
        score = result.families[family]
        assert score.precision is None or score.precision >= floor, (family, score.notes[:5])
    for family in NO_DECOY_HIT:
        assert result.families[family].decoys_hit == 0, result.families[family].notes
    assert result.compliant, "no compliant real-CMS site in the corpus"
    assert not any(result.compliant.values()), result.compliant  # compliant sites stay clean
