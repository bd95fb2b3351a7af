"""`auditor check URL`: check one site, see what to fix, and gate a CI job on it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from auditor.cli.one_site import audit_one_site, site_options
from auditor.cli.options import crawl_options
from auditor.errors import UsageError
from auditor.gate.formats.json_doc import audit_document, dumps
from auditor.gate.formats.junit import render_junit
from auditor.gate.formats.outcome import CheckOutcome
from auditor.gate.formats.sarif import render_sarif
from auditor.gate.formats.text import print_text, text_string
from auditor.judge.config import load_config
from auditor.gate.verdict import FAIL_ON, apply_gate, gate_policy
from auditor.reports import render_site_report

FORMATS = {
    "text": text_string,
    "json": lambda outcome: dumps(outcome.document) + "\n",
    "junit": render_junit,
    "sarif": render_sarif,
}

HELP = """Crawl the site at URL, judge it against the law, say what to fix, and gate on it.

\b
No registry is needed: the site's id, level and name are inferred (from the
home page's title and the URL) unless given with --id, --level and --name.

\b
The gate (exit code):
  0  pass: no finding at or above --fail-on (default: error)
  1  findings at or above --fail-on (an unreachable site is one: its finding says why)
  2  usage or tool error: a bad URL, option, baseline, waiver or config file

\b
The --config file (TOML) sets per-rule levels, as Lighthouse CI assertions do,
and the gate's defaults (the command line wins):
  [rules]
  "ADS-002" = "warn"     # its findings are warnings: reported, never failing
  "TEC-003" = "off"      # the rule does not run
  "FTR-003" = "error"    # its findings are errors: they fail the gate
  [gate]
  fail_on = "error"      # baseline = "...", waivers = "..." (relative to the file)

\b
--baseline FILE (from `auditor baseline`): findings already in it are reported as
baseline and do not fail; only new ones count.
--waivers FILE (TOML): [[waiver]] rule, url (glob), reason, approver, expires;
waived findings do not fail; an expired waiver stops suppressing and says so.

\b
Examples:
  auditor check https://huonglap.quangtri.gov.vn
  auditor check https://quangtri.gov.vn/xa-a/ --level xa --name "UBND xã A"
  auditor check URL --format sarif -o auditor.sarif --baseline baseline.json
"""


@click.command("check", help=HELP)
@click.argument("url")
@site_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people; json (the export contract), junit or sarif for CI.")
@click.option("--output", "-o", "outputs", multiple=True, metavar="[FORMAT:]FILE",
              help="Write the chosen format (or FORMAT, e.g. sarif:auditor.sarif) to FILE; "
                   "repeat for several files from one crawl. The text summary then goes to "
                   "the terminal.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that fails the check; never: report only "
                   "(default: [gate] fail_on of the config, else error).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Only findings not in this baseline (from `auditor baseline`) count.")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML file of [[waiver]] entries: rule, url glob, reason, approver, expires.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("check-out"),
              show_default=True, help="Folder for the HTML report (<site id>.html).")
@click.option("--no-report", is_flag=True, help="Write no HTML report.")
@click.option("--archive", is_flag=True, help="Archive the pages judged as WARC beside --db "
              "(<db>.warc), as `auditor audit` does; off by default for a check.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the summary and the report.")
@crawl_options
@click.pass_context
def command(ctx, url, level, name, site_id, domain, pack, db, fmt, outputs, fail_on, baseline, waivers,
            config, out, no_report, archive, lang, max_pages, max_depth, site_seconds, max_time, contact,
            a11y_pages, variant_pages, quiet):
    # Everything the user gave is read before the crawl: a typo costs seconds, not a crawl.
    policy = gate_policy(load_config(config), fail_on, baseline, waivers)
    targets = [output_target(value, fmt) for value in outputs]
    crawl = dict(max_pages=max_pages, max_depth=max_depth, site_seconds=site_seconds,
                 max_time=max_time, contact=contact, a11y_pages=a11y_pages, archive=archive,
                 variant_pages=variant_pages)
    with audit_one_site(url, level, name, site_id, domain, pack, db, crawl, quiet, config) as checked:
        document = audit_document(checked.store, checked.audit_id)
        gate = apply_gate(document, policy)
        checked.store.mark_waived(checked.audit_id,
                                  {fp: waiver.note() for fp, waiver in gate.waived_by.items()})
        report = None if no_report else render_site_report(
            checked.store, checked.audit_id, checked.target.site_id, out, lang).resolve()
        outcome = CheckOutcome.build(document, gate, lang, report)
    _emit(outcome, fmt, targets)
    ctx.exit(gate.exit_code)


def output_target(value: str, default_format: str) -> tuple[str, Path]:
    """``FILE`` or ``FORMAT:FILE``, checked before the crawl: the folder must exist."""
    fmt, sep, name = value.partition(":")
    if not sep or fmt not in FORMATS:
        fmt, name = default_format, value
    if not name:
        raise UsageError(f"--output {value!r}: no file name")
    path = Path(name)
    if not path.parent.resolve().is_dir():
        raise UsageError(f"--output {value}: the folder {path.parent} does not exist")
    return fmt, path


def _emit(outcome: CheckOutcome, fmt: str, targets: list[tuple[str, Path]]) -> None:
    """Each file in its format; standard output gets the chosen format when no file is named,
    else the summary for people (a CI log shows what to fix whatever the files hold)."""
    if not targets and fmt != "text":
        sys.stdout.write(FORMATS[fmt](outcome))
        _notes_to_stderr(outcome)
        return
    for file_format, path in targets:
        try:
            path.write_text(FORMATS[file_format](outcome), encoding="utf-8")
        except OSError as error:
            raise UsageError(f"--output {path}: cannot write: {error}") from None
    print_text(outcome, Console(soft_wrap=True))
    for file_format, path in targets:
        click.echo(f"{file_format} written to {path}")


def _notes_to_stderr(outcome: CheckOutcome) -> None:
    """What a person must see even when standard output belongs to a machine format."""
    for warning in outcome.gate.warnings:
        click.echo(f"auditor: warning: {warning}", err=True)
    verdict = "FAIL" if outcome.gate.failed else "PASS"
    click.echo(f"auditor: {verdict} (exit {outcome.gate.exit_code}): "
               f"{outcome.gate.counts['fail']} findings fail the gate", err=True)
    if outcome.report is not None:
        click.echo(f"auditor: HTML report: {outcome.report}", err=True)
