"""Who the auditor is: its name, its version and the User-Agent it crawls with.

The version is written here only: pyproject.toml reads it (``[tool.setuptools.dynamic]``), the
crawl records it with each audit, SARIF and the reports print it.
"""

NAME = "vngov-auditor"
VERSION = "0.1.0"
ROBOTS_TOKEN = NAME  # what robots.txt rules are matched against ("User-agent: vngov-auditor")


def user_agent(contact: str, version: str = VERSION) -> str:
    """The User-Agent: the tool, its version and where a webmaster learns who crawls and why."""
    return f"Mozilla/5.0 (compatible; {NAME}/{version}; +{contact})"
