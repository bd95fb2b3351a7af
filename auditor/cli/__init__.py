"""The ``auditor`` command line. Each command lives in its own module of this package.

Exit codes (DESIGN.md): 0 pass, 1 findings at or above the threshold, 2 usage or tool error.
"""

from __future__ import annotations

import sys
import traceback

import click

from auditor.errors import UsageError
from auditor.exit_codes import EXIT_USAGE
from auditor.identity import NAME, VERSION

EPILOG = """\b
Exit codes: 0 pass, 1 findings at or above the threshold, 2 usage or tool error.
Start with `auditor demo`: it serves a demo province on 127.0.0.1 and audits it."""


class AuditorGroup(click.Group):
    """Turns a UsageError from any command into a clear message and exit code 2.

    Any other failure of the tool is exit code 2 as well, with its traceback: Python's own exit
    code for a crash is 1, which a CI gate would read as "findings", not as "the tool broke".
    """

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as error:
            click.echo(f"auditor: error: {error}", err=True)
            sys.exit(EXIT_USAGE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors (2), ctx.exit(code), Ctrl-C
        except Exception as error:  # noqa: BLE001 - the contract is about the exit code
            traceback.print_exc()
            click.echo(f"auditor: error: the tool failed: {type(error).__name__}: {error}", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=AuditorGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, package_name=NAME)
def main() -> None:
    """Audit Vietnamese government websites against the law on state agencies' websites.

    Crawls the sites of a province registry politely (robots.txt, Crawl-delay, bounded pages),
    judges every page and site with a catalogue of rules citing their legal basis, keeps every
    audit in SQLite and writes inspection reports in Vietnamese.
    """


def _register() -> None:
    from auditor.cli import (audit, baseline, browse, check, demo, diff, evidence, export, prune,
                             registry, report, rules)

    for module in (audit, demo, export, report, diff, rules, check, baseline, registry, browse,
                   evidence, prune):
        main.add_command(module.command)


_register()
