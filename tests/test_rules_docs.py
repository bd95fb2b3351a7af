"""docs/rules.md is generated from the rules' metadata (auditor/rules/docs.py) and kept in step."""

from pathlib import Path

from auditor.rules import all_rules
from auditor.rules.docs import document

DOC = Path(__file__).parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_what_the_generator_writes():
    assert DOC.read_text(encoding="utf-8") == document(), (
        "docs/rules.md is out of step with the rules: run `python -m auditor.rules.docs > docs/rules.md`")


def test_every_rule_has_its_section_with_its_remedy():
    text = document()
    for rule in all_rules():
        assert f"### {rule.id}: {rule.title_en}" in text
        assert rule.remedy_en in text
