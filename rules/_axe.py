"""The browser rules' shared part: axe-core's results (auditor/browser/) as ACC findings.

A browser rule (``scope = "browser"``) judges one rendered page (``RenderedPage``): the engine
runs it from the browser pass (``Engine.judge_rendered``), never on the crawl's facts. Each
rule owns a family of WCAG success criteria; an axe result goes to the rule that names its
axe rule id (``axe_rules``), else to the first rule owning one of its criteria (axe tags them
``wcag143`` for 1.4.3), else to the catch-all ACC-009. One finding per axe rule and site,
grouped across pages like every rule: the fingerprint's key is the axe rule id, the evidence
gives the WCAG criterion and the first elements (selector and snippet).

axe's ``incomplete`` results (what it could not decide, e.g. text over an image) are ``info``
findings, keyed ``review:<axe id>``: a person has to look, the page is not said to fail.

One defect, one finding: where a static rule already judges a defect on every crawled page,
the browser steps aside and axe does not even run that rule (``STATIC_OWNERS``), because the
static rule sees all pages where the browser sees a sample.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Iterator

from auditor import toml
from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

# axe rule id -> the static rule that judges the same defect on every page.
STATIC_OWNERS = {
    "image-alt": "ACC-001",  # <img> without alt
    "marquee": "ACC-002",  # moving text
    "blink": "ACC-002",
    "html-has-lang": "ACC-003",  # no <html lang>
}
REVIEW = "review:"
ELEMENTS_SHOWN = 5
_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")


@lru_cache(maxsize=1)
def _help_vi() -> dict[str, str]:
    return toml.loads((Path(__file__).parent / "data" / "axe_help_vi.toml").read_text(encoding="utf-8"))


def help_vi(result: dict) -> str:
    """What the axe rule asks, in Vietnamese (rules/data/axe_help_vi.toml); axe's own English
    text for a rule a newer axe-core added and the table does not have yet."""
    return _help_vi().get(result["id"], result["help"])


def criteria_of(tags) -> list[str]:
    """WCAG success criteria from axe's tags: "wcag143" -> "1.4.3", "wcag1412" -> "1.4.12"."""
    found = []
    for tag in tags:
        match = _CRITERION.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return found


def level_of(tags) -> str:
    """The WCAG conformance level axe tags the rule with ("A", "AA"), or ""."""
    for tag in tags:
        if re.fullmatch(r"wcag2\d?a+", tag):
            return tag.rsplit("2", 1)[1].lstrip("0123456789").upper()
    return ""


class BrowserRule(Rule):
    """An ACC rule judged in the browser. Subclasses name their criteria and axe rules."""

    scope = "browser"
    reads = ("url", "violations", "incomplete")  # of the RenderedPage axe-core judged
    severity = "warning"
    criteria: ClassVar[tuple[str, ...]] = ()  # WCAG success criteria this rule owns
    axe_rules: ClassVar[frozenset[str]] = frozenset()  # axe rules owned whatever their tags
    catch_all: ClassVar[bool] = False  # owns what no other browser rule owns

    def owns(self, result: dict) -> bool:
        return owner_of(result) is type(self)

    def check(self, rendered, ctx: RuleContext) -> Iterator[Finding]:
        for result in rendered.violations:
            if self.owns(result):
                yield self._finding(rendered, result, key=result["id"])
        for result in rendered.incomplete:
            if self.owns(result):
                yield self._finding(rendered, result, key=REVIEW + result["id"], severity="info",
                                    review=True)

    def _finding(self, rendered, result: dict, key: str, severity: str = "",
                 review: bool = False) -> Finding:
        criteria = criteria_of(result.get("tags", ())) or list(self.criteria[:1])
        label = ", ".join(f"WCAG {c}" for c in criteria)
        if review:
            message = (f"{result['count']} phần tử cần kiểm tra thủ công ({label}, axe-core "
                       f"“{result['id']}”): {help_vi(result)}")
        else:
            message = f"{result['count']} phần tử không đạt {label} (axe-core “{result['id']}”): {help_vi(result)}"
        elements = [{"selector": n["target"], "snippet": n["html"]} for n in result["nodes"][:ELEMENTS_SHOWN]]
        return Finding(rule=self.id, site=rendered.site, message=message, url=rendered.url, key=key,
                       grouped=True, severity=severity,
                       evidence={"wcag": criteria, "level": level_of(result.get("tags", ())),
                                 "axe_rule": result["id"], "axe_help": result["help"],
                                 "impact": result.get("impact", ""),
                                 "elements": elements, "count_on_page": result["count"]})


def browser_rules() -> tuple[type[BrowserRule], ...]:
    from auditor.rules import all_rules  # the catalogue discovers the rule modules

    return tuple(type(rule) for rule in all_rules() if isinstance(rule, BrowserRule))


def owner_of(result: dict) -> type[BrowserRule] | None:
    """The browser rule that reports this axe result, or None when a static rule owns it."""
    axe_id = result["id"]
    if axe_id in STATIC_OWNERS:
        return None
    rules = browser_rules()
    for rule in rules:
        if axe_id in rule.axe_rules:
            return rule
    criteria = criteria_of(result.get("tags", ()))
    for criterion in criteria:
        for rule in rules:
            if criterion in rule.criteria:
                return rule
    return next((rule for rule in rules if rule.catch_all), None)
