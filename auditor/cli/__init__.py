"""The ``auditor`` command line. Each command lives in its own module of this package.

Exit codes (DESIGN.md): 0 pass, 1 findings at or above the threshold, 2 usage or tool error.
"""

from __future__ import annotations

import sys

import click

from auditor.errors import UsageError

EPILOG = """\b
Exit codes: 0 pass, 1 findings at or above the threshold, 2 usage or tool error.
Start with `auditor demo`: it serves a demo province on 127.0.0.1 and audits it."""


class AuditorGroup(click.Group):
    """Turns a UsageError from any command into a clear message and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as error:
            click.echo(f"auditor: error: {error}", err=True)
            sys.exit(2)


@click.group(cls=AuditorGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vngov-auditor")
def main() -> None:
    """Audit Vietnamese government websites against the law on state agencies' websites.

    Crawls the sites of a province registry politely (robots.txt, Crawl-delay, bounded pages),
    judges every page and site with a catalogue of rules citing their legal basis, keeps every
    audit in SQLite and writes inspection reports in Vietnamese.
    """


def _register() -> None:
    from auditor.cli import audit, demo, diff, export, report, rules

    for module in (audit, demo, export, report, diff, rules):
        main.add_command(module.command)


_register()
