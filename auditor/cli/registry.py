"""`auditor registry …`: build and check the registry of a province's sites.

``discover`` finds the sites from the provincial portal, ``check`` compares a registry with the
official list of units after the 2025 reform, ``export`` and ``import`` turn it into CSV and back.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from auditor.cli.options import expert_options, expert_overrides
from auditor.errors import UsageError
from auditor.exit_codes import EXIT_FINDINGS
from auditor.registry import load_registry
from auditor.registry.tabular import registry_csv, registry_toml

registry_path = click.argument("registry", type=click.Path(dir_okay=False, path_type=Path))


@click.group("registry")
def command() -> None:
    """Build and check a registry of sites (sites.toml or CSV).

    \b
    Examples:
      auditor registry discover https://quangtri.gov.vn/ -o sites.toml
      auditor registry check sites.toml
      auditor registry export sites.toml --format csv -o sites.csv
      auditor registry import sites.csv -o sites.toml
    """


@command.command("discover")
@click.argument("portal")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The registry to write (TOML).")
@click.option("--max-pages", type=click.IntRange(1, 1000), default=60, show_default=True,
              help="Pages of the portal read at most.")
@click.option("--domain", default="",
              help="The province's domain, when PORTAL is a test or mirror address "
                   "(default: the registrable domain of PORTAL, e.g. quangtri.gov.vn).")
@click.option("--id", "portal_id", default="", help="Registry id of the portal (default: from its host).")
@expert_options
def discover(portal, output, max_pages, domain, portal_id, resolve, set_, host_concurrency):
    """Find the sites of a province's units from its portal, and write a registry.

    Reads the portal alone, politely (robots.txt, one request at a time, at most --max-pages
    pages): its link directories ("Liên kết website"), drop-down site pickers, subsite prefixes
    (/xa-…/, /web/phuong-…) and hosts under the province's domain named as units. Each site found
    is asked once for its home page: a site that does not answer is kept, and its comment says
    so. Exit code 1 when no unit site is found (the command says what it read), 2 on bad input.
    """
    from auditor.registry.discover import registry_text, run_discovery

    if not portal.startswith(("http://", "https://")):
        raise UsageError(f"{portal!r}: the portal must be an http(s):// URL")
    result = run_discovery(portal, domain=domain, max_pages=max_pages,
                           overrides=expert_overrides(resolve, set_, host_concurrency))
    answered = 0 < result.portal_answer.get("status", 0) < 400
    if not answered:
        reason = result.portal_answer.get("error") or f"HTTP {result.portal_answer.get('status', 0)}"
        click.echo(f"auditor: the portal {portal} did not answer: {reason}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    click.echo(f"Read {result.pages_read} pages of {portal}, {result.links_seen} links.")
    if not result.units:
        click.echo("No unit site found: no link directory, site picker, subsite prefix (/xa-…/) "
                   "or host under the province's domain naming a commune or district.", err=True)
        raise SystemExit(EXIT_FINDINGS)
    host = (portal.split("//", 1)[1].split("/", 1)[0].split(":")[0]).split(".")[0]
    text = registry_text(result.portal, result.portal_title or f"Cổng thông tin điện tử {host}",
                         portal_id or host, result.units, domain=domain)
    output.write_text(text, encoding="utf-8")
    dead = sum(1 for unit in result.units if not 0 < unit.answer.get("status", 0) < 400)
    click.echo(f"Wrote {output}: {len(result.units)} unit sites ({dead} not answering).")


@command.command("check")
@registry_path
@click.option("--province", default="", help="The province (default: from the registry's portal).")
@click.option("--no-missing", is_flag=True, help="Do not list the communes the registry lacks.")
def check(registry, province, no_missing):
    """Check a registry against the official list of units after the 2025 reform.

    Flags sites of units that no longer exist (districts, merged communes: with the status to
    set and the unit that replaced them), the province's communes the registry lacks, two sites
    with one URL or one unit, names that match no unit, and commune domains that do not follow
    Decree 224/2026 Art. 11(4)(c) (tenxa.tentinh.gov.vn). Exit code 1 when anything is flagged.
    """
    from auditor.registry.check import check_registry

    problems = check_registry(load_registry(registry), province)
    if no_missing:
        problems = [p for p in problems if p.kind != "missing"]
    if not problems:
        click.echo(f"{registry}: no problem found.")
        return
    table = Table(title=f"{registry}: {len(problems)} problems")
    for column in ("site", "problem", "what", "suggestion"):
        table.add_column(column, overflow="fold")
    for problem in problems:
        table.add_row(problem.site or "—", problem.kind, problem.message, problem.suggestion)
    Console(width=160).print(table)
    raise SystemExit(EXIT_FINDINGS)


@command.command("export")
@registry_path
@click.option("--format", "format_", type=click.Choice(["csv", "toml"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--no-bom", is_flag=True, help="CSV without the byte-order mark Excel needs.")
def export(registry, format_, output, no_bom):
    """Write a registry as CSV (UTF-8 with BOM, for spreadsheets) or TOML."""
    loaded = load_registry(registry)
    text = registry_csv(loaded, bom=not no_bom) if format_ == "csv" else registry_toml(loaded)
    _write(text, output)


@command.command("import")
@registry_path
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The TOML registry to write (default: standard output).")
def import_(registry, output):
    """Read a CSV registry (id,name,level,url,parent,status,domain) and write it as TOML.

    Errors name the file, the line and the column; a CSV that is not UTF-8 is refused.
    """
    _write(registry_toml(load_registry(registry)), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
