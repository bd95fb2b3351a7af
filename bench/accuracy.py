"""Accuracy on real CMS output: audit the labelled corpus of tests/cms/ and score it.

Every folder ``tests/cms/<corpus>/`` is a fixture province (sites.toml + hosts/, served on
127.0.0.1 by auditor.demo.server) with ``labels.toml`` (what a person reads on each captured
page) and ``expected.toml`` (the violations planted per site, and the decoys that look like
violations but are not); the format is in tests/cms/README.md. Each corpus is audited by the
real CLI in a child process (``auditor audit --date <captured>``: freshness is judged as of the
day the pages were captured), then:

- facts, per CMS: main text found (and its opening), article / not article, date, author, source;
- findings, per rule family: recall over planted violations, precision over what is labelled
  (planted = true; decoys and any error/warning on a compliant site = false), decoys hit, and
  whether each compliant site is free of error and warning findings (TEC-001, plain HTTP on the
  fixture server, aside).

``python bench/accuracy.py`` prints the tables; ``--check`` exits 1 under the floors of issue 11.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from auditor import toml
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cms"
FAMILIES = ("SEC", "FTR", "FRS", "MED", "ADS", "TEC", "ACC")
FACTS = ("main_text", "article", "date", "author", "source")
FLOORS = {"main_text": 1.0, "article": 0.95, "date": 0.95, "author": 0.95, "source": 0.95,
          "recall": 0.9, "precision": 0.95}
JUDGED = ("error", "warning")  # info findings are notes, not verdicts
PLAIN_HTTP_ASIDE = ("TEC-001",)  # the fixture server speaks plain HTTP on 127.0.0.1
OPENING = 400  # the label's opening must be within the first characters of the stored text


def corpora(root: Path = CORPUS) -> list[Path]:
    return sorted(p for p in root.glob("*/") if (p / "sites.toml").is_file() and (p / "labels.toml").is_file())


def normal(text: str) -> str:
    """Compared as a reader compares: NFC, case and spacing ignored, quotes and dashes alike."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    text = re.sub(r"[\"'“”‘’«»]", "", text)
    return " ".join(re.sub(r"[–—‐-]", "-", text).split()).strip(" .,:;-()")


def path_of(url: str) -> str:
    parts = urlsplit(url or "")
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def same_path(a: str, b: str) -> bool:
    def norm(p: str) -> str:
        p = p.split("#", 1)[0]
        for tail in ("index.html", ".html"):
            if p.endswith(tail):
                p = p[: -len(tail)]
        return p.rstrip("/") or "/"
    return norm(a) == norm(b)


# -- running -------------------------------------------------------------------------------

@dataclass
class Audited:
    corpus: str
    labels: dict
    expected: dict
    pages: dict[str, dict[str, dict]]  # site -> path -> stored page row
    findings: list[dict]
    site_urls: dict[str, str]
    seconds: float
    status: dict[str, str] = field(default_factory=dict)  # site -> crawl status


def audit_corpus(folder: Path, workdir: Path, timeout: float = 300) -> Audited:
    """Serve the corpus, audit it with the CLI as of its capture date, and read the store."""
    from auditor.demo.server import serve_province
    from auditor.gate.formats.json_doc import audit_document
    from auditor.store.database import Store

    labels = toml.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    expected_file = folder / "expected.toml"
    expected = toml.loads(expected_file.read_text(encoding="utf-8")) if expected_file.is_file() else {}
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / f"{folder.name}.db"
    db.unlink(missing_ok=True)
    started = time.monotonic()
    with serve_province(folder) as served:
        registry = served.write_registry(workdir / f"{folder.name}.toml")
        command = [sys.executable, "-m", "auditor", "audit", str(registry), "--db", str(db),
                   "--out", str(workdir / folder.name), "--quiet",
                   "-s", "AUDITOR_TLS_CHECK_TIMEOUT=0", "-s", "DOWNLOAD_TIMEOUT=10"]
        if labels.get("captured"):
            command += ["--date", str(labels["captured"])]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{folder.name}: auditor audit exited {done.returncode}\n{done.stderr[-3000:]}")
    seconds = time.monotonic() - started
    store = Store(db)
    try:
        document = audit_document(store, store.audit(None)["id"])
    finally:
        store.close()
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("select s.key as site, p.* from pages p join sites s on s.id = p.site_id").fetchall()
    pages: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        row = dict(row)
        pages[row["site"]][path_of(row["url"])] = row
        pages[row["site"]].setdefault(path_of(row["final_url"] or row["url"]), row)
    return Audited(folder.name, labels, expected, dict(pages), document["findings"],
                   {s["id"]: s["url"] for s in document["sites"]}, seconds,
                   {s["id"]: s["status"] for s in document["sites"]})


# -- facts -----------------------------------------------------------------------------------

@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None


def _stored_page(audited: Audited, site: str, path: str) -> dict | None:
    stored = audited.pages.get(site, {})
    for key, row in stored.items():
        if same_path(key, path):
            return row
    return None


def _close(expected: str, found: str) -> bool:
    expected, found = normal(expected), normal(found)
    if not expected or not found:
        return expected == found
    return expected == found or expected in found or found in expected


def score_facts(audited: Audited) -> dict[str, dict[str, Tally]]:
    """CMS -> fact -> tally. The CMS of a page is its label's `cms`, else the corpus name."""
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: {fact: Tally() for fact in FACTS})
    for label in audited.labels.get("page", []):
        cms = label.get("cms") or audited.corpus
        where = f"{label['site']}{label['path']}"
        row = _stored_page(audited, label["site"], label["path"])
        tally = out[cms]
        kind = label.get("kind", "")
        if row is None:
            for fact in FACTS:
                if fact != "main_text" or kind != "error":
                    tally[fact].add(False, f"{where}: not crawled")
            continue
        text = normal(row["text_sample"] or "")
        opening = normal(label.get("main_text", ""))
        if kind != "error":
            # An empty label: the page has no main content (an empty category), nothing to find.
            ok = not opening or opening[:60] in text[:OPENING + len(opening)]
            tally["main_text"].add(ok, f"{where}: {text[:60]!r} for {opening[:40]!r}")
        is_article = (row.get("kind") or "") == "article"
        tally["article"].add(is_article == (kind == "article"),
                             f"{where}: kind {row.get('kind') or '?'} for {kind}")
        if kind == "error":
            continue
        published = (row["published"] or "")[:10] if is_article or kind == "article" else ""
        tally["date"].add(published == (label.get("published") or ""),
                          f"{where}: {published or '-'} for {label.get('published') or '-'}")
        for fact in ("author", "source"):
            found = (row[fact] or "") if is_article or kind == "article" else ""
            tally[fact].add(_close(label.get(fact, ""), found),
                            f"{where}: {found or '-'!r} for {label.get(fact) or '-'!r}")
    return out


# -- findings ------------------------------------------------------------------------------

def _finding_pages(finding: dict) -> set[str]:
    urls = [finding.get("url") or "", *(finding.get("sample_urls") or [])]
    evidence = json.dumps(finding.get("evidence") or {}, ensure_ascii=False)
    urls += re.findall(r"https?://[^\s\"']+", evidence)
    return {path_of(url) for url in urls if url}


_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:vn|com|net|org|info|xyz|club|top|bet|io)\b", re.IGNORECASE)


def _names_domain(finding: dict, item: dict) -> bool:
    """When the label names domains ("banner to hoamaitravel.com.vn"), the finding names one."""
    named = {d.lower() for d in _DOMAIN.findall(item.get("what", ""))}
    if not named:
        return True
    said = f"{finding.get('message', '')} {json.dumps(finding.get('evidence') or {})}".lower()
    return any(domain in said for domain in named)


def _matches(finding: dict, site: str, item: dict) -> bool:
    if finding["site"] != site or finding["rule"] != item["rule"] or not _names_domain(finding, item):
        return False
    page = item.get("page", "")
    if not page:
        return True
    pages = _finding_pages(finding)
    return not pages or any(same_path(p, page) for p in pages)


@dataclass
class FamilyScore:
    planted: int = 0
    found: int = 0
    true_findings: int = 0
    false_findings: int = 0
    unlabelled: int = 0
    decoys: int = 0
    decoys_hit: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        judged = self.true_findings + self.false_findings
        return self.true_findings / judged if judged else None


def score_findings(audited: Audited) -> tuple[dict[str, FamilyScore], dict[str, list[str]]]:
    """Family -> score; compliant site -> its error/warning findings (must be none)."""
    families = {family: FamilyScore() for family in FAMILIES}
    judged = [f for f in audited.findings if f["severity"] in JUDGED and not f.get("waived")]
    compliant_noise: dict[str, list[str]] = {}
    for site, spec in audited.expected.items():
        if not isinstance(spec, dict):
            continue
        planted, decoys = spec.get("planted", []), spec.get("decoy", [])
        for item in planted:
            score = families[item["rule"][:3]]
            score.planted += 1
            if any(_matches(f, site, item) for f in judged):
                score.found += 1
            else:
                score.notes.append(f"missed {item['rule']} {site}{item.get('page', '')}: {item.get('what', '')}")
        # A finding that is a planted violation does not hit a decoy beside it on the same page
        # (the footer's unlabelled banner next to the theme's credit): precision counts it true.
        unplanted = [f for f in judged if not any(_matches(f, site, item) for item in planted)]
        for item in decoys:
            score = families[item["rule"][:3]]
            score.decoys += 1
            if any(_matches(f, site, item) for f in unplanted):
                score.decoys_hit += 1
                score.notes.append(f"decoy hit {item['rule']} {site}{item.get('page', '')}: {item.get('what', '')}")
        site_findings = [f for f in judged if f["site"] == site]
        if spec.get("compliant"):
            compliant_noise[site] = [f"{f['rule']} {path_of(f.get('url') or '')}: {f['message'][:90]}"
                                     for f in site_findings if f["rule"] not in PLAIN_HTTP_ASIDE]
        for finding in site_findings:
            score = families[finding["rule"][:3]]
            if any(_matches(finding, site, item) for item in planted):
                score.true_findings += 1
            elif any(_matches(finding, site, item) for item in decoys) or (
                    spec.get("compliant") and finding["rule"] not in PLAIN_HTTP_ASIDE):
                score.false_findings += 1
                score.notes.append(f"false {finding['rule']} {site}{path_of(finding.get('url') or '')}: "
                                   f"{finding['message'][:100]}")
            else:
                score.unlabelled += 1
    return families, compliant_noise


# -- the report ----------------------------------------------------------------------------

@dataclass
class Report:
    facts: dict[str, dict[str, Tally]]
    families: dict[str, FamilyScore]
    compliant: dict[str, list[str]]
    seconds: float
    pages: int

    def failures(self) -> list[str]:
        """What is under a floor of issue 11."""
        out = []
        for cms, tallies in self.facts.items():
            for fact, tally in tallies.items():
                if tally.share is not None and tally.share < FLOORS[fact]:
                    out.append(f"{cms} {fact} {tally.share:.2f} < {FLOORS[fact]}")
        for family, score in self.families.items():
            if score.recall is not None and score.recall < FLOORS["recall"]:
                out.append(f"{family} recall {score.recall:.2f} < {FLOORS['recall']}")
            if score.precision is not None and score.precision < FLOORS["precision"]:
                out.append(f"{family} precision {score.precision:.2f} < {FLOORS['precision']}")
            if score.decoys_hit:
                out.append(f"{family} {score.decoys_hit} decoy(s) hit")
        if not self.compliant:
            out.append("no compliant real-CMS site in the corpus (expected.toml: compliant = true)")
        for site, noise in self.compliant.items():
            if noise:
                out.append(f"compliant site {site}: {len(noise)} error/warning finding(s)")
        return out


def merge(audits: list[Audited]) -> Report:
    facts: dict[str, dict[str, Tally]] = {}
    families = {family: FamilyScore() for family in FAMILIES}
    compliant: dict[str, list[str]] = {}
    for audited in audits:
        for cms, tallies in score_facts(audited).items():
            mine = facts.setdefault(cms, {fact: Tally() for fact in FACTS})
            for fact, tally in tallies.items():
                mine[fact].right += tally.right
                mine[fact].total += tally.total
                mine[fact].misses += tally.misses
        scores, noise = score_findings(audited)
        for family, score in scores.items():
            total = families[family]
            for name in ("planted", "found", "true_findings", "false_findings", "unlabelled",
                         "decoys", "decoys_hit"):
                setattr(total, name, getattr(total, name) + getattr(score, name))
            total.notes += score.notes
        compliant.update({f"{audited.corpus}/{site}": lines for site, lines in noise.items()})
    return Report(facts, families, compliant, sum(a.seconds for a in audits),
                  sum(len({id(r) for r in p.values()}) for a in audits for p in a.pages.values()))


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def render(report: Report, verbose: bool = False) -> str:
    lines = ["Facts per CMS (share correct; pages labelled)", ""]
    lines.append(f"{'corpus / CMS':<22}" + "".join(f"{fact:>11}" for fact in FACTS))
    for cms, tallies in sorted(report.facts.items()):
        lines.append(f"{cms:<22}" + "".join(
            f"{_pct(tallies[f].share):>7}/{tallies[f].total:<3}" for f in FACTS))
    lines += ["", "Findings per family (error and warning)", ""]
    lines.append(f"{'family':<8}{'planted':>8}{'found':>7}{'recall':>8}{'true':>6}{'false':>7}"
                 f"{'precision':>11}{'unlabelled':>12}{'decoys':>8}{'hit':>5}")
    for family, s in report.families.items():
        lines.append(f"{family:<8}{s.planted:>8}{s.found:>7}{_pct(s.recall):>8}{s.true_findings:>6}"
                     f"{s.false_findings:>7}{_pct(s.precision):>11}{s.unlabelled:>12}{s.decoys:>8}"
                     f"{s.decoys_hit:>5}")
    lines += ["", "Compliant sites (error/warning findings besides plain HTTP)", ""]
    for site, noise in sorted(report.compliant.items()):
        lines.append(f"  {site:<30} {'clean' if not noise else f'{len(noise)} finding(s)'}")
        lines += [f"      {n}" for n in noise[:8 if not verbose else None]]
    lines += ["", f"{report.pages} pages audited in {report.seconds:.1f} s"]
    if verbose:
        lines += ["", "Fact misses:"]
        for cms, tallies in sorted(report.facts.items()):
            for fact, tally in tallies.items():
                lines += [f"  {cms} {fact}: {m}" for m in tally.misses]
        lines += ["", "Finding notes:"]
        for family, s in report.families.items():
            lines += [f"  {n}" for n in s.notes]
    failures = report.failures()
    lines += ["", "Under a floor:" if failures else "Every floor met."]
    lines += [f"  {f}" for f in failures]
    return "\n".join(lines)


def run(folders: list[Path], workdir: Path) -> Report:
    return merge([audit_corpus(folder, workdir) for folder in folders])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 under a floor of issue 11")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    parser.add_argument("--corpus", action="append", default=[],
                        help="only these corpus folders of tests/cms/ (repeatable)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the stores here")
    args = parser.parse_args(argv)
    folders = [f for f in corpora() if not args.corpus or f.name in args.corpus]
    if not folders:
        print(f"no labelled corpus under {CORPUS}", file=sys.stderr)
        return 1 if args.check else 0
    with tempfile.TemporaryDirectory(prefix="accuracy-") as scratch:
        report = run(folders, args.workdir or Path(scratch))
    print(render(report, args.verbose))
    return 1 if args.check and report.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
