"""docs/law.md from the law data: per rule, its basis per regime and level, the quoted clauses,
where each was read and whether it was verified. ``python -m auditor.judge.lawdoc > docs/law.md``;
tests/test_law.py keeps the file in step with the data."""

from __future__ import annotations

from auditor.judge import law
from auditor.judge.packs import available_packs, load_pack
from auditor.registry import LEVELS
from auditor.rules import all_rules

HEADER = """# Legal basis of the rules

Generated from `rules/law/texts.toml` and `rules/law/basis.toml` by `python -m auditor.judge.lawdoc`
(do not edit by hand). A citation is printed with a finding only if its text is in force on the
audit date and binds the site's level; otherwise the rule is judged against guidance (a text that
bound the level earlier) or as a quality criterion, and such findings are at most warnings.
The tables give the judgement on each regime's last day (its first day for the regime in force).
Sources are paths in the public repository `diepxuan/diepxuan.github.io` (a crawl of the official
legal code) unless stated otherwise.
"""


def render() -> str:
    lines = [HEADER, "## Texts", "",
             "| text | in force | levels bound (scope) | replaced by | source | verified |",
             "| --- | --- | --- | --- | --- | --- |"]
    for text in law.texts().values():
        until = text.in_force_to.isoformat() if text.in_force_to else "…"
        lines.append(f"| {text.name} | {text.in_force_from.isoformat()} – {until} | "
                     f"{', '.join(text.levels)} ({text.scope or '—'}) | {text.replaced_by or '—'} | "
                     f"{text.source} | {'yes' if text.verified else 'no'} |")
    for rule in all_rules():
        lines += _rule(rule)
    return "\n".join(lines) + "\n"


def _rule(rule) -> list[str]:
    entry = law.rule_law(rule.law_id)
    out = ["", f"## {rule.id}: {rule.title_en}", ""]
    if entry.note:
        out.append(f"Note: {entry.note}.")
        out.append("")
    out += ["| regime | level | kind | basis |", "| --- | --- | --- | --- |"]
    for pack_id in available_packs():
        pack = load_pack(pack_id)
        day = pack.in_force_to or pack.in_force_from  # deterministic: the file is checked in
        for level in LEVELS:
            judgement = law.judge(rule.law_id, day, level, rule.id in pack.level(level).recommended)
            runs = law.runs_on(rule.law_id, judgement, pack.level(level).covered)
            shown = judgement.text("en") if runs else "not judged"
            out.append(f"| {pack_id} | {level} | {judgement.kind if runs else '—'} | {shown} |")
    if entry.citations:
        out += ["", "Clauses:"]
        for cite in entry.citations:
            quote = f"“{cite.quote}”" if cite.quote else "(clause not quoted: not read)"
            verified = "verified" if cite.verified else "not verified"
            out.append(f"- {cite.label('vi')} [{cite.kind}; {', '.join(cite.levels)}]: {quote} "
                       f"Source: {cite.text.source} ({verified}).")
    return out


if __name__ == "__main__":
    print(render(), end="")
