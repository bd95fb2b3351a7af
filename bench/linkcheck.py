"""(c) LinkChecker from PyPI, in a virtualenv of its own (never a dependency of the auditor).

It checks the same sites with its default 10 threads. Its per-host rate limit is lifted the way
its manual says (the server sends a ``LinkChecker`` header and ``maxrequestspersecond`` is
raised), so it is measured at its best, like the Scrapy crawls. Everything not on 127.0.0.1
(links to other state sites, mailto:) is only syntax-checked: no traffic leaves the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REQUIREMENT = "linkchecker>=10.5,<11"

CONFIG = """\
[checking]
threads=10
maxrequestspersecond=10000
timeout=30
[output]
status=0
warnings=0
[filtering]
checkextern=0
"""


def install(venv: Path) -> Path | None:
    """The linkchecker executable, installed into ``venv`` on first use; None if that failed."""
    executable = venv / "bin" / "linkchecker"
    if executable.exists():
        return executable
    print(f"bench: installing {REQUIREMENT} from PyPI into {venv} ...", flush=True)
    steps = ([sys.executable, "-m", "venv", str(venv)],
             [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", REQUIREMENT])
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"bench: LinkChecker could not be installed: {result.stderr.strip()[-500:]}", flush=True)
            return None
    return executable if executable.exists() else None


def version(executable: Path) -> str:
    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True)
    return (result.stdout.splitlines() or ["LinkChecker ?"])[0]


def command(executable: Path, config: Path, urls: list[str]) -> list[str]:
    config.write_text(CONFIG)
    config.chmod(0o644)  # run as root, LinkChecker drops to "nobody", which must read it
    return [str(executable), "--config", str(config), "--no-status", "--no-warnings", "-o", "none",
            "--ignore-url", r"^(?!https?://127\.0\.0\.1[:/])", *urls]
