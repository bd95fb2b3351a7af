"""The law as data (issue 18): which texts bind which level on which day, and what each rule cites.

``rules/law/texts.toml`` lists the legal texts (in force from/to, the levels their scope article
binds, what replaced them, where they were read); ``rules/law/basis.toml`` gives each rule's
citations at the clause level with the quoted sentence. For one finding, a citation is valid only
if its text is in force on the day the law is read and binds the site's level. The judgement says
which kind of finding it is:

- ``breach``: a valid citation obliges (the only kind that may be an error);
- ``recommendation``: a valid citation only encourages, or the pack recommends the section;
- ``guidance``: no valid citation, but a text that bound the level earlier asked for it: the rule
  is "judged against guidance", never as a legal breach;
- ``quality``: no text asks for it at this level: "judged as a quality criterion".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import auditor.rules
from auditor.errors import UsageError, read_toml

LAW_DIR = Path(auditor.rules.__file__).parent / "law"
KINDS = ("breach", "recommendation", "guidance", "quality")
CITE_KINDS = ("breach", "recommendation")
# Where a rule is judged: everywhere its level is covered (default), also on levels the regime
# does not cover (a quality criterion or a law that binds every level), or only where a text
# binds (or bound) the level.
JUDGED = ("covered", "everywhere", "where-bound")

WORDS = {
    "vi": {"recommendation": "Khuyến nghị, không phải vi phạm pháp luật",
           "guidance": "Đánh giá theo hướng dẫn, không phải vi phạm pháp luật",
           "quality": "Đánh giá như tiêu chí chất lượng, không phải vi phạm pháp luật",
           "earlier": "văn bản không còn hiệu lực vào ngày kiểm tra",
           "unverified": "chưa kiểm chứng toàn văn", "levels": "áp dụng cho cấp",
           "level_names": {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"},
           "article": "Điều", "clause": "khoản", "point": "điểm"},
    "en": {"recommendation": "Recommendation, not a legal breach",
           "guidance": "Judged against guidance, not as a legal breach",
           "quality": "Judged as a quality criterion, not as a legal breach",
           "earlier": "text no longer in force on the audit date",
           "unverified": "full text not verified", "levels": "binds level",
           "level_names": {"tinh": "province", "huyen": "district", "xa": "commune"},
           "article": "Art.", "clause": "cl.", "point": "pt."},
}


class LawError(UsageError):
    """texts.toml or basis.toml does not hold together."""


@dataclass(frozen=True, slots=True)
class Text:
    key: str  # "ND43"
    number: str
    name: str  # as cited: "Nghị định 43/2011/NĐ-CP"
    title: str
    in_force_from: date
    in_force_to: date | None
    levels: tuple[str, ...]  # tinh | huyen | xa: the levels its scope article binds
    scope: str  # the scope article
    bodies: str
    replaced_by: str
    source: str
    verified: bool
    everyone: bool = False  # binds every person (advertising, copyright), not a level's body

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


@dataclass(frozen=True, slots=True)
class Citation:
    text: Text
    article: int | None
    clause: int | None
    point: str
    quote: str
    kind: str  # breach | recommendation
    levels: tuple[str, ...]
    verified: bool

    def reference(self, lang: str = "vi") -> str:
        """The clause the Vietnamese way, smallest unit first: "điểm c khoản 3 Điều 16"."""
        words = WORDS[lang]
        if lang == "en":
            out = f"{words['article']} {self.article}" if self.article else ""
            out += f"({self.clause})" if self.clause else ""
            return out + (f"({self.point})" if self.point else "")
        parts = [(words["point"], self.point), (words["clause"], self.clause),
                 (words["article"], self.article)]
        return " ".join(f"{word} {value}" for word, value in parts if value)

    def label(self, lang: str = "vi") -> str:
        ref = self.reference(lang)
        out = f"{self.text.name}, {ref}" if ref else self.text.name
        return out + (f" ({WORDS[lang]['unverified']})" if not self.verified else "")

    def applies(self, day: date, level: str) -> bool:
        return self.text.in_force_on(day) and level in self.levels \
            and (self.text.everyone or level_exists(level, day))

    def bound_before(self, day: date, level: str) -> bool:
        """The text bound the level once but is no longer in force on ``day``: guidance."""
        return level in self.levels and self.text.in_force_to is not None \
            and self.text.in_force_to < day


@dataclass(frozen=True, slots=True)
class RuleLaw:
    rule: str
    citations: tuple[Citation, ...]
    note: str = ""  # why the rule is what it is where no citation applies
    judged: str = "covered"


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a rule is for one site: its kind and the citations printed with its findings."""

    kind: str
    citations: tuple[Citation, ...]  # valid ones (breach, recommendation) or guidance
    note: str = ""
    earlier: bool = False  # the citations are of texts no longer in force (guidance)

    @property
    def is_breach(self) -> bool:
        return self.kind == "breach"

    def text(self, lang: str = "vi") -> str:
        words = WORDS[lang]
        cited = "; ".join(c.label(lang) for c in self.citations)
        if self.kind == "breach":
            return cited
        if self.earlier:
            cited = f"{words['guidance']}: {cited} ({words['earlier']})"
        if self.kind == "guidance":
            return cited
        if self.kind == "recommendation":
            return f"{words['recommendation']}" + (f"; {cited}" if self.earlier else
                                                   f": {cited}" if cited else
                                                   (f" ({self.note})" if self.note else ""))
        return words["quality"] + (f" ({self.note})" if self.note else "")


@lru_cache(maxsize=1)
def _texts_file() -> dict:
    return read_toml(LAW_DIR / "texts.toml", LawError, "legal texts")[0]


def level_exists(level: str, day: date) -> bool:
    """Whether the level of local government existed on ``day`` (districts: until 1 Jul 2025)."""
    abolished = _texts_file().get("levels", {}).get(level, {}).get("abolished")
    return abolished is None or day < abolished


@lru_cache(maxsize=1)
def texts() -> dict[str, Text]:
    out = {}
    for key, spec in _texts_file().items():
        if key == "levels":
            continue
        try:
            out[key] = Text(key=key, number=spec["number"], name=spec["name"], title=spec["title"],
                            in_force_from=spec["in_force_from"], in_force_to=spec.get("in_force_to"),
                            levels=tuple(spec["levels"]), scope=spec.get("scope", ""),
                            bodies=spec.get("bodies", ""), replaced_by=spec.get("replaced_by", ""),
                            source=spec["source"], verified=bool(spec["verified"]),
                            everyone=bool(spec.get("everyone", False)))
        except KeyError as error:
            raise LawError(f"texts.toml [{key}]: missing {error}") from None
    for text in out.values():
        if text.replaced_by and text.replaced_by not in out:
            raise LawError(f"texts.toml [{text.key}]: replaced_by {text.replaced_by!r} is not a text")
    return out


@lru_cache(maxsize=1)
def basis() -> dict[str, RuleLaw]:
    raw = read_toml(LAW_DIR / "basis.toml", LawError, "rule basis")[0]
    known = texts()
    out = {}
    for rule, spec in raw.items():
        judged = spec.get("judged", "covered")
        if judged not in JUDGED:
            raise LawError(f"basis.toml [{rule}]: judged {judged!r} is not one of {JUDGED}")
        out[rule] = RuleLaw(rule=rule, note=spec.get("note", ""), judged=judged,
                            citations=tuple(_citation(rule, c, known) for c in spec.get("cite", ())))
    return out


def _citation(rule: str, spec: dict, known: dict[str, Text]) -> Citation:
    text = known.get(spec.get("text", ""))
    if text is None:
        raise LawError(f"basis.toml [{rule}]: unknown text {spec.get('text')!r}")
    kind = spec.get("kind", "breach")
    levels = tuple(spec.get("levels", text.levels))
    if kind not in CITE_KINDS or not set(levels) <= set(text.levels):
        raise LawError(f"basis.toml [{rule}]: kind {kind!r} or levels {levels} do not fit {text.key}")
    return Citation(text=text, article=spec.get("article"), clause=spec.get("clause"),
                    point=spec.get("point", ""), quote=spec.get("quote", ""), kind=kind,
                    levels=levels, verified=bool(spec.get("verified", text.verified)))


def rule_law(rule_id: str) -> RuleLaw:
    try:
        return basis()[rule_id]
    except KeyError:
        raise LawError(f"rule {rule_id} has no entry in rules/law/basis.toml") from None


def judge(rule_id: str, day: date, level: str, recommended: bool = False) -> Judgement:
    """The rule's kind and citations for a site of ``level`` on ``day`` (see the module doc).

    ``recommended``: the pack lists the criterion as a recommendation at this level."""
    law = rule_law(rule_id)
    valid = tuple(c for c in law.citations if c.applies(day, level))
    if any(c.kind == "breach" for c in valid):
        return Judgement("breach", tuple(c for c in valid if c.kind == "breach"), law.note)
    earlier = tuple(c for c in law.citations if c.bound_before(day, level))
    if valid:
        return Judgement("recommendation", valid, law.note)
    if recommended:
        return Judgement("recommendation", earlier, law.note, earlier=bool(earlier))
    if earlier:
        return Judgement("guidance", earlier, law.note, earlier=True)
    return Judgement("quality", (), law.note)


def runs_on(rule_id: str, judgement: Judgement, level_covered: bool) -> bool:
    """Whether the rule judges a site: per its ``judged`` setting and the level's coverage."""
    law = rule_law(rule_id)
    if law.judged == "where-bound":
        return judgement.kind != "quality"
    if level_covered or law.judged == "everywhere":
        return True
    return judgement.kind in CITE_KINDS


def law_date(audit_date: date, start: date, end: date | None) -> date:
    """The day the law is read: the audit date, kept within the pack's window (a pack chosen
    for a date outside its regime judges as of the regime's first or last day)."""
    if audit_date < start:
        return start
    return end if end is not None and audit_date > end else audit_date


def cap(severity: str, judgement: Judgement) -> str:
    """No error without a legal breach behind it: anything else is at most a warning."""
    return "warning" if severity == "error" and not judgement.is_breach else severity


def pack_citation(rule_id: str, start: date, end: date | None, levels, lang: str = "vi") -> str:
    """The rule's basis under a pack, for catalogues: per level the pack judges, on the pack's
    last day (or today's date within it), each distinct judgement once with its levels."""
    day = end or max(start, date.today())
    by_text: dict[str, list[str]] = {}
    for level in levels:
        text = judge(rule_id, day, level).text(lang)
        by_text.setdefault(text, []).append(WORDS[lang]["level_names"][level])
    if len(by_text) == 1:
        return next(iter(by_text))
    return " | ".join(f"{', '.join(names)}: {text}" for text, names in by_text.items())
