"""`check --format text` (the default): a summary for the person who has to fix the site.

Grouped by severity, each finding with where it is, what is wrong, the law it breaks and how to
fix it; then the findings known from the baseline or waived, one line each; then the verdict.
Vietnamese by default, English with ``--lang en``. Page content reaches the terminal only as
plain text (rich ``Text``, never markup), so a page cannot style or fake the output.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from auditor.gate.formats.outcome import CheckOutcome

LABELS = {
    "vi": {
        "check": "Kiểm tra", "level": "cấp", "pack": "bộ quy tắc", "crawl": "thu thập",
        "pages": "trang", "error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN",
        "basis": "Căn cứ", "remedy": "Khắc phục", "more": "và {n} trang khác",
        "site_wide": "toàn trang", "known": "Đã biết hoặc được miễn trừ (không tính)",
        "baseline": "đã biết", "waived": "miễn trừ", "none": "Không có phát hiện nào.",
        "pass": "ĐẠT", "fail": "KHÔNG ĐẠT", "warn": "Cảnh báo",
        "verdict_fail": "{n} phát hiện không đạt (ngưỡng --fail-on {on})",
        "verdict_pass": "không có phát hiện mới nào không đạt (ngưỡng --fail-on {on})",
        "verdict_never": "--fail-on never: chỉ báo cáo",
        "report": "Báo cáo HTML", "exit": "mã thoát",
        "counts": "{fail} không đạt, {pass_} ghi nhận, {baseline} đã biết, {waived} miễn trừ",
    },
    "en": {
        "check": "Check", "level": "level", "pack": "pack", "crawl": "crawl",
        "pages": "pages", "error": "ERRORS", "warning": "WARNINGS", "info": "INFO",
        "basis": "Legal basis", "remedy": "Fix", "more": "and {n} more pages",
        "site_wide": "site-wide", "known": "Known from the baseline or waived (not counted)",
        "baseline": "baseline", "waived": "waived", "none": "No findings.",
        "pass": "PASS", "fail": "FAIL", "warn": "Warning",
        "verdict_fail": "{n} findings fail the gate (--fail-on {on})",
        "verdict_pass": "no new finding fails the gate (--fail-on {on})",
        "verdict_never": "--fail-on never: report only",
        "report": "HTML report", "exit": "exit code",
        "counts": "{fail} failing, {pass_} reported, {baseline} baseline, {waived} waived",
    },
}
LEVEL_NAMES = {"vi": {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MARK = {"fail": ("✗", "red"), "pass": ("•", "yellow")}


def print_text(outcome: CheckOutcome, console: Console) -> None:
    words = LABELS.get(outcome.lang, LABELS["vi"])
    for site in outcome.document["sites"]:
        _print_site_header(console, site, outcome, words)
    counted = [f for f in outcome.findings if f["gate"] in ("fail", "pass")]
    for severity in ("error", "warning", "info"):
        group = [f for f in counted if f["severity"] == severity]
        if group:
            console.print()
            console.print(Text(f"{words[severity]} ({len(group)})", style=SEVERITY_STYLE[severity]))
            for rule_id in sorted({f["rule"] for f in group}):
                _print_rule(console, [f for f in group if f["rule"] == rule_id], outcome, words)
    if not counted:
        console.print()
        console.print(words["none"])
    _print_known(console, outcome, words)
    _print_verdict(console, outcome, words)


def text_string(outcome: CheckOutcome) -> str:
    """The same summary as plain text, for --output FILE."""
    buffer = io.StringIO()
    print_text(outcome, Console(file=buffer, no_color=True, highlight=False, soft_wrap=True,
                                force_terminal=False, width=100))
    return buffer.getvalue()


def _print_site_header(console: Console, site: dict, outcome: CheckOutcome, words: dict) -> None:
    head = Text.assemble((f"{words['check']}: ", "bold"), (site["name"] or site["id"], "bold"),
                         " — ", site["url"])
    status = site["status"]
    crawl = f"{status}" + (f" ({site['reason']})" if site["reason"] and status != "ok" else "")
    level = LEVEL_NAMES.get(outcome.lang, {}).get(site["level"], site["level"])
    facts = Text(f"{words['level']} {level} · {words['pack']} {outcome.pack or '-'} · "
                 f"{words['crawl']}: {crawl}, {site['pages']} {words['pages']}", style="dim")
    console.print(head)
    console.print(facts)


def _print_rule(console: Console, findings: list[dict], outcome: CheckOutcome, words: dict) -> None:
    """One rule's findings of one severity: the failed criterion, where and what, then the law
    and the fix once (the same for every finding of the rule)."""
    rule = outcome.rule(findings[0]["rule"])
    failing = any(f["gate"] == "fail" for f in findings)
    mark, style = MARK["fail" if failing else "pass"]
    console.print(Text.assemble(f" {mark} ", (rule.id, f"bold {style}"), " ", rule.failure(outcome.lang)))
    for finding in sorted(findings, key=lambda f: (f["url"] or "", f["message"])):
        where = finding["url"] or f"({words['site_wide']})"
        extra = max(finding.get("count", 1) - 1, 0) if finding["url"] else 0
        console.print(Text(f"   {where}" + (f"  ({words['more'].format(n=extra)})" if extra else ""),
                           style="blue"))
        if finding["message"]:
            console.print(Text(f"     {finding['message']}"))
    # The engine cites in Vietnamese; the catalogue can say the same in English.
    basis = rule.citation(outcome.lang) if outcome.lang == "en" else findings[0]["basis"] or rule.basis
    if basis:
        console.print(Text.assemble("   ", (f"{words['basis']}: ", "dim"), basis))
    remedy = rule.remedy(outcome.lang)
    if remedy:
        console.print(Text.assemble("   ", (f"{words['remedy']}: ", "green"), remedy))


def _print_known(console: Console, outcome: CheckOutcome, words: dict) -> None:
    known = [f for f in outcome.findings if f["gate"] in ("baseline", "waived")]
    if not known:
        return
    console.print()
    console.print(Text(f"{words['known']} ({len(known)})", style="dim"))
    for finding in sorted(known, key=lambda f: (f["gate"], f["rule"], f["url"] or "")):
        why = words["baseline"]
        if finding["gate"] == "waived":
            note = finding["waived"]
            why = f"{words['waived']}: {note['reason']} — {note['approver']}, ≤ {note['expires']}"
        console.print(Text(f" ~ {finding['rule']} {finding['severity']} "
                           f"{finding['url'] or '(' + words['site_wide'] + ')'}  [{why}]", style="dim"))


def _print_verdict(console: Console, outcome: CheckOutcome, words: dict) -> None:
    gate = outcome.gate
    console.print()
    for warning in gate.warnings:
        console.print(Text(f"{words['warn']}: {warning}", style="yellow"))
    counts = gate.counts
    console.print(Text(words["counts"].format(fail=counts["fail"], pass_=counts["pass"],
                                              baseline=counts["baseline"], waived=counts["waived"]),
                       style="dim"))
    on = gate.policy.fail_on
    if gate.failed:
        why = words["verdict_fail"].format(n=counts["fail"], on=on)
    elif on == "never":
        why = words["verdict_never"]
    else:
        why = words["verdict_pass"].format(on=on)
    verdict = words["fail"] if gate.failed else words["pass"]
    console.print(Text.assemble((verdict, "bold red" if gate.failed else "bold green"),
                                f" — {why} ({words['exit']} {gate.exit_code})"))
    if outcome.report is not None:
        console.print(Text(f"{words['report']}: {outcome.report}"))
