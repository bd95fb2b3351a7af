"""The score and the verdict of a site, from its criteria. Pure arithmetic, explained in the report.

    score = max(0, 100 - 10 x E - 4 x W - 1 x I)

where E, W, I count the *criteria* (rules) that failed, by the severity of their most severe
finding. A criterion costs its points once, however many pages repeat the violation: the same
sidebar banner on 300 pages is one shortcoming, not 300, and a large site is not punished for
being large. Criteria that could not be determined cost nothing, and a site whose content could
not be inspected at all (unreachable, blocked) gets no score rather than a flattering one.

The verdict follows the severities, not the score, so that one injected gambling link cannot be
outweighed by many passed criteria:
    noncompliant  at least one error-level criterion failed
    largely       only warning- or info-level criteria failed ("cơ bản đạt")
    compliant     every determined criterion passed
    unassessed    the site's content could not be inspected (or no criterion was judged)
"""

from __future__ import annotations

from dataclasses import dataclass

PENALTY = {"error": 10, "warning": 4, "info": 1}


@dataclass(frozen=True)
class Score:
    value: int | None  # None: not determined
    verdict: str  # compliant | largely | noncompliant | unassessed
    failed: dict[str, int]  # failed criteria by severity
    passed: int
    unknown: int

    @property
    def formula(self) -> str:
        """The computation written out, e.g. ``100 - 10×2 - 4×1 - 1×0 = 76``."""
        if self.value is None:
            return ""
        terms = " ".join(f"- {PENALTY[sev]}×{self.failed.get(sev, 0)}" for sev in PENALTY)
        raw = 100 - sum(PENALTY[sev] * n for sev, n in self.failed.items())
        floor = "" if raw >= 0 else f" → 0"
        return f"100 {terms} = {raw}{floor}"


def score_site(criteria_results: list[tuple[str, str]], assessed: bool) -> Score:
    """``criteria_results``: (status, severity) of each criterion; status pass | fail | unknown."""
    failed = {sev: 0 for sev in PENALTY}
    passed = unknown = 0
    for status, severity in criteria_results:
        if status == "fail":
            failed[severity if severity in PENALTY else "error"] += 1
        elif status == "pass":
            passed += 1
        else:
            unknown += 1
    if not assessed or not (passed or any(failed.values())):
        # Nothing judged (an unreachable site, or no rule ran): no score rather than a 100.
        return Score(None, "unassessed", failed, passed, unknown)
    value = max(0, 100 - sum(PENALTY[sev] * n for sev, n in failed.items()))
    if failed["error"]:
        verdict = "noncompliant"
    elif failed["warning"] or failed["info"]:
        verdict = "largely"
    else:
        verdict = "compliant"
    return Score(value, verdict, failed, passed, unknown)
