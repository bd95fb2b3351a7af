"""`auditor rules`: the rule catalogue of a pack: id, severity, scope, title and legal basis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from auditor.judge.config import load_config
from auditor.judge.packs import available_packs, resolve_pack
from auditor.rules import all_rules
from auditor.rules.base import FAMILIES

SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan", "off": "dim"}
SCOPE = {"vi": {"page": "trang", "site": "website", "browser": "trình duyệt"},
         "en": {"page": "page", "site": "site", "browser": "browser"}}


@click.command("rules")
@click.option("--pack", default="", help=f"Rule pack (legal regime): {', '.join(available_packs())}; "
              "default: the one in force today.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of titles and notes.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Show the severities a config file sets (off: the rule does not run).")
@click.option("--remedy", is_flag=True, help="Show each rule's remedy as well.")
def command(pack, lang, config, remedy):
    """List the rules of a pack with their severity, scope, title and legal basis.

    \b
    Examples:
      auditor rules
      auditor rules --pack nd43-2011 --lang en
      auditor rules --config auditor.toml
    """
    user = load_config(config)
    chosen = resolve_pack(pack or user.pack, date.today())
    console = Console(width=max(Console().width, 160))
    title = chosen.title_vi if lang == "vi" else chosen.title_en
    table = Table(title=f"{chosen.id}: {title}", show_lines=False, expand=True)
    for column, ratio in (("id", 0), ("severity", 0), ("scope", 0), ("title", 3), ("basis", 4)):
        table.add_column(column, ratio=ratio or None, overflow="fold", no_wrap=not ratio)
    if remedy:
        table.add_column("remedy", ratio=3, overflow="fold")
    family = ""
    for rule in all_rules():
        if rule.id in chosen.exclude_rules or (rule.regimes and chosen.id not in rule.regimes):
            continue
        if rule.family != family:
            family = rule.family
            table.add_section()
        severity = "off" if not user.enabled(rule.id) else user.severity(rule.id) or rule.severity
        row = [rule.id, f"[{SEVERITY_STYLE[severity]}]{severity}[/]", SCOPE[lang][rule.scope],
               rule.title_vi if lang == "vi" else rule.title_en, rule.citation(chosen.id, lang)]
        if remedy:
            row.append(rule.remedy_vi if lang == "vi" else rule.remedy_en)
        table.add_row(*row)
    console.print(table)
    names = ", ".join(f"{fam} {names[0] if lang == 'vi' else names[1]}" for fam, names in FAMILIES.items())
    console.print(names, style="dim")
