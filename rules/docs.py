"""docs/rules.md, written from the rules' own metadata (sqlfluff's generated rule docs): the
prose that is not about one rule is kept here, the catalogue after it is generated. Run
``python -m auditor.rules.docs > docs/rules.md`` after changing a rule; tests/test_rules_docs.py
fails while the file is out of step."""

from __future__ import annotations

import inspect
import sys

from auditor.judge.applicable import in_pack
from auditor.judge.packs import available_packs, load_pack
from auditor.rules import all_rules
from auditor.rules.families import FAMILIES, family
from auditor.rules.base import Rule

SCOPE = {"page": "page rule", "site": "site rule", "browser": "browser rule (axe-core in Chromium)"}

HEADER = """# Rules, rule packs and the config file

`auditor rules` lists the catalogue (`--pack ID`, `--lang en`, `--config FILE`, `--remedy`,
`--needs`).
The legal basis of every rule is in `../shared/RULES.md`; each rule is one module under `rules/`
(`ads_003_gambling.py` holds ADS-003) with its metadata, and its thresholds and word lists are
data in `rules/packs/*.toml` and `rules/data/*.txt`.

## Packs: the law in force
| pack | in force | levels covered |
| --- | --- | --- |
| `nd43-2011` | 1 Oct 2011 – 14 Aug 2022 | province, district (communes: only the always-applicable laws) |
| `nd42-2022` | 15 Aug 2022 – 30 Jun 2026 | province, district, commune |
| `nd224-2026` | from 1 Jul 2026 | province, commune (districts: only the always-applicable laws) |

The pack is `--pack`, else the registry's `[audit] pack`, else the config's `pack`, else the
regime in force on the audit date; the audit row records it (`audits.pack`, and `audit.pack` in
the JSON export). Citations follow the pack. Where RULES.md gives no article under a regime, the
earlier regime's is cited *and marked so*; clauses RULES.md read only in excerpts (Decree
42/2022, Circular 26/2020) are marked "chưa kiểm chứng toàn văn". Quality checks (TEC-003,
TEC-004, ADS-004) say they are not legal obligations.

## The config file (`--config auditor.toml`)
One file for `auditor audit`, `auditor rules` and the `auditor check` gate; the schema is in
`auditor/judge/config.py`:
```toml
pack = "nd42-2022"
[rules]                      # Lighthouse CI levels
"ADS-002" = "off"            # not run, not reported
"MED-004" = "warn"           # findings are warnings: reported, never failing the gate
"FRS-001" = { level = "error" }
[thresholds]                 # a number for every level, or per level (tinh, huyen, xa)
news_max_age_days = { xa = 45 }
[lists]                      # added to the pack's lists
press_domains = ["baonghean.vn"]
public_domains = ["hoinongdan.org.vn"]
easylist_files = ["easylist.txt", "abpvn.txt"]   # relative to the config file
video_allow = ["https://www.youtube.com/embed/AbCdEf"]
[gate]                       # `auditor check` only: fail_on, baseline, waivers (docs/ci.md)
fail_on = "error"
```
A mistake (unknown rule, level, threshold or list, a missing file, bad TOML) stops the command
with exit code 2 and names the file and line, before anything is crawled.

## How findings are made
- Page rules judge each HTML page that answered 2xx as it arrives (TEC-003 also reads error
  pages); site rules run when the crawl is over, over the facts in the store
  (`auditor/judge/sitefacts.py`). An unreachable or blocked site gets one FRS-004 finding and no list
  of "missing" sections; an abolished unit's site is judged for FRS-005 and content violations,
  not for completeness or freshness.
- One cause on many pages is one finding with a count and sample URLs: the same ad network,
  commercial banner, press domain, hidden-link domain, video, leaked template text, undated or
  unsigned articles, images without alt. Its fingerprint leaves the URL out, so audits compare.
- A rule that raises does not stop the audit: it is logged and recorded as an `info` finding
  of that rule (`internal-error`): the criterion could not be judged and must be checked by hand.

## Judgement calls, and where false positives may come from
- **Sections** match navigation labels by prefix ("Tin tức – Sự kiện" is news), titles by their
  parts, slugs by path segment. A linked page outside the site or not crawled is given the
  benefit of the doubt. A section under an unusual name is reported missing: add the label to
  the pack.
- **Article pages** (MED-002, MED-003, FRS-003; `rules/_pages.py`): 2xx HTML, not the home page,
  at least 200 characters of main text, at most 40% of it links, at most 3 dates, at most one
  linked heading, no list segment in the URL (`/chuyen-muc/`, `/tag/`, `/page/`), not a section
  page, and a date, a byline or an item-like URL. A long static page with a byline may be taken
  for an article.
- **Freshness** (FRS-001) counts dates in the main text and pages' own publication dates up to
  the audit date; masthead dates, schedule pages, dates on most pages (a widget's "today") and
  relative phrases on pages that also write a date are left out. News whose dates sit only in a
  sidebar reads as older than it is.
- **ADS-002** treats every outside domain as commercial unless it is a public body (.gov.vn,
  .edu.vn, .org.vn ..., `public_domains`), press or a platform page; a state-owned bank or a
  telecom's banner is reported. A footer credit ("Thiết kế bởi …") and boxes labelled "Quảng cáo"
  are exempt.
- **ADS-003** counts gambling words only where spam puts them (links off the site, hidden text,
  spam-only phrases anywhere), so police news about gambling passes.
- **ADS-004**: responsive themes hide copies of blocks; hence a warning.
- **MED-004**: an embed cannot tell whose channel it shows; list the agency's own videos in
  `video_allow`.
- **TEC-002** needs the public domain: give `domain` in the registry for test or mirror URLs; an
  IP address without one is not judged.
"""

CATALOGUE_INTRO = """
## The rules
Generated from the rules' metadata by `python -m auditor.rules.docs`; do not edit by hand. Each
rule is its module (`rules/`) and its cases (`tests/rules/<ID>.toml`). *Reads* are the facts it
looks at, *thresholds* and *lists* what every pack that runs it must hold (checked at start-up).
"""


def rule_section(rule: Rule, packs: list) -> str:
    module = sys.modules[type(rule).__module__]
    lines = [f"### {rule.id}: {rule.title_en}", "",
             f"*{SCOPE[rule.scope]}, {rule.severity}* · `rules/{module.__name__.rsplit('.', 1)[-1]}.py` · "
             f"“{rule.title_vi}”", ""]
    description = inspect.cleandoc(module.__doc__ or "").split("\n", 1)
    if len(description) > 1 and description[1].strip():
        lines += [description[1].strip(), ""]
    running = [pack.id for pack in packs if in_pack(rule, pack)]
    for pack_id in running:
        lines.append(f"- Basis under `{pack_id}`: {rule.citation(pack_id, 'en') or '(none)'}")
    if len(running) < len(packs):
        lines.append(f"- Does not run under: {', '.join(p.id for p in packs if p.id not in running)}")
    for label, names in (("Reads", rule.reads), ("Thresholds", rule.limits), ("Lists", rule.lists),
                         ("Former ids", rule.aliases)):
        if names:
            lines.append(f"- {label}: {', '.join(f'`{name}`' for name in names)}")
    lines.append(f"- Remedy: {rule.remedy_en}")
    return "\n".join(lines) + "\n"


def document() -> str:
    packs = [load_pack(pack_id) for pack_id in available_packs()]
    parts = [HEADER, CATALOGUE_INTRO]
    rules = all_rules()
    for code in [*FAMILIES, *sorted({r.family for r in rules} - set(FAMILIES))]:
        members = [rule for rule in rules if rule.family == code]
        if members:
            parts.append(f"\n## {code}: {family(code).name[1]}\n")
            parts.extend("\n" + rule_section(rule, packs) for rule in members)
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(document())
