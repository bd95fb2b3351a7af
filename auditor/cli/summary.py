"""Terminal summaries shared by the commands."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

STATUS_STYLE = {"ok": "green", "partial": "yellow", "unreachable": "red", "blocked": "magenta"}


def print_sites(document: dict, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"Audit {document['audit']['id']}: {document['audit']['name'] or ''}".strip(": "))
    for column in ("site", "level", "crawl", "pages", "errors", "warnings", "reason"):
        table.add_column(column, overflow="fold")
    for site in document["sites"]:
        style = STATUS_STYLE.get(site["status"], "")
        table.add_row(site["id"], site["level"], f"[{style}]{site['status']}[/]", str(site["pages"]),
                      str(site["findings"]["error"]), str(site["findings"]["warning"]),
                      site["reason"][:80])
    console.print(table)
