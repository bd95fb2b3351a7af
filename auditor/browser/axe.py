"""axe-core in a rendered page: which of its rules run, and its results cut to what a finding keeps.

axe-core comes from the PyPI package ``axe-playwright-python`` (MIT), which ships axe-core's
own ``axe.min.js`` unmodified under axe-core's licence, MPL-2.0 (its header says so); its
``Axe`` class injects the script and calls ``axe.run``.

Which rules run: those tagged with the WCAG levels asked for (default WCAG 2.0 A and AA, the
standard Circular 26/2020 follows), plus ``duplicate-id`` and ``duplicate-id-active``, which
axe tags as deprecated since WCAG 2.2 dropped 4.1.1 Parsing but which WCAG 2.0 still asks for,
minus the rules a static rule already judges on every crawled page
(``auditor.rules._axe.STATIC_OWNERS``): one defect, one finding.
"""

from __future__ import annotations

from auditor.rules._axe import STATIC_OWNERS

DEFAULT_TAGS = ("wcag2a", "wcag2aa")
WCAG20_PARSING = ("duplicate-id", "duplicate-id-active")
MAX_NODES = 10  # elements kept per axe rule and page; the count says how many there were
SNIPPET_CHARS = 300


def rules_to_run(page, axe_script: str, tags=DEFAULT_TAGS) -> list[str]:
    """The ids of the axe rules to run, read from the axe-core build itself."""
    page.evaluate(axe_script)
    available = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", list(tags))
    every = set(page.evaluate("axe.getRules().map(rule => rule.ruleId)"))
    wanted = [rule for rule in available if rule not in STATIC_OWNERS]
    return wanted + [rule for rule in WCAG20_PARSING if rule in every and rule not in wanted]


def run_axe(page, axe, rules: list[str]) -> dict:
    """axe.run on the page with exactly these rules; violations and incomplete results only."""
    options = {"runOnly": {"type": "rule", "values": rules},
               "resultTypes": ["violations", "incomplete"]}
    return axe.run(page, options=options).response


def trim(results: list[dict]) -> list[dict]:
    """axe's results with what a finding shows: the rule, its WCAG tags, and a few elements."""
    return [{
        "id": result["id"], "impact": result.get("impact") or "", "tags": result.get("tags", []),
        "help": result.get("help", ""), "count": len(result.get("nodes", [])),
        "nodes": [{"target": _selector(node.get("target")), "html": (node.get("html") or "")[:SNIPPET_CHARS],
                   "summary": (node.get("failureSummary") or "")[:SNIPPET_CHARS]}
                  for node in result.get("nodes", [])[:MAX_NODES]],
    } for result in results]


def _selector(target) -> str:
    """axe's target: a list of selectors, nested lists for frames and shadow roots."""
    if isinstance(target, list):
        return " >>> ".join(_selector(part) for part in target)
    return str(target or "")
