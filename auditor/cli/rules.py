"""`auditor rules`: the rule catalogue of a pack: id, severity, scope, title and legal basis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from auditor.judge.config import load_config
from auditor.judge.applicable import chosen_pack, level_limits, pack_rules, word_lists
from auditor.judge.packs import available_packs
from auditor.registry import LEVELS
from auditor.rules.families import FAMILIES

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
@click.option("--needs", is_flag=True,
              help="Show what each rule needs: the facts it reads, the pack's thresholds and lists.")
def command(pack, lang, config, remedy, needs):
    """List the rules of a pack with their severity, scope, title and legal basis.

    \b
    Examples:
      auditor rules
      auditor rules --pack nd43-2011 --lang en
      auditor rules --config auditor.toml
      auditor rules --needs
    """
    user = load_config(config)
    chosen = chosen_pack(date.today(), pack, user.pack)
    console = Console(width=max(Console().width, 160))
    title = chosen.title_vi if lang == "vi" else chosen.title_en
    table = Table(title=f"{chosen.id}: {title}", show_lines=False, expand=True)
    for column, ratio in (("id", 0), ("severity", 0), ("scope", 0), ("title", 3), ("basis", 4)):
        table.add_column(column, ratio=ratio or None, overflow="fold", no_wrap=not ratio)
    if remedy:
        table.add_column("remedy", ratio=3, overflow="fold")
    if needs:
        table.add_column("needs", ratio=3, overflow="fold")
    family = ""
    for rule in pack_rules(chosen):
        if rule.family != family:
            family = rule.family
            table.add_section()
        severity = "off" if not user.enabled(rule.id) else user.severity(rule.id) or rule.severity
        row = [rule.id, f"[{SEVERITY_STYLE[severity]}]{severity}[/]", SCOPE[lang][rule.scope],
               rule.title_vi if lang == "vi" else rule.title_en, rule.citation(chosen.id, lang)]
        if remedy:
            row.append(rule.remedy_vi if lang == "vi" else rule.remedy_en)
        if needs:
            row.append(needs_text(rule, chosen, user))
        table.add_row(*row)
    console.print(table)
    names = ", ".join(f"{code} {fam.name[0 if lang == 'vi' else 1]}" for code, fam in FAMILIES.items())
    console.print(names, style="dim")


def needs_text(rule, pack, config) -> str:
    """What the rule declares it needs, with the values the pack (and the config) give it."""
    lines = [f"facts: {', '.join(rule.reads)}"] if rule.reads else []
    for name in rule.limits:
        values = [level_limits(pack, config, level).get(name) for level in LEVELS]
        shown = ", ".join(f"{level} {'?' if value is None else f'{value:g}'}"
                          for level, value in zip(LEVELS, values))
        lines.append(f"{name} ({shown})")
    lists = word_lists(pack, config)
    lines += [f"{name} ({len(lists.get(name, ()))})" for name in rule.lists]
    return "\n".join(lines)
