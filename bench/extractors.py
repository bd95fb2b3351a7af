"""Our extractor against trafilatura and htmldate on the labelled real-CMS corpus (issue 11).

For every labelled page of tests/cms/*/labels.toml (error pages aside) the captured HTML file is
read from the corpus folder, decoded as the crawler decodes (spiders/charset.py), and given to:
- ours: parsel's Selector and spiders/extract.py's extract(), as spiders/portal.py calls them;
- trafilatura: ``bare_extraction`` with metadata (main text, date, author);
- htmldate: ``find_date`` (original date, not the last update).
Each is scored as bench/accuracy.py scores the stored page: the label's main-text opening within
the first characters of the text, the publication date (articles), the author (articles); and
timed in CPU milliseconds per page (``time.process_time``, best of ``--repeat`` runs).

trafilatura and htmldate are no dependencies of the project: install them in a virtualenv to
measure (``pip install trafilatura htmldate``); the figures are in docs/BENCHMARKS.md.

    python bench/extractors.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from auditor import toml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402  (its corpus list, text normalisation and comparison)


@dataclass
class Page:
    where: str
    url: str
    html: str
    label: dict


@dataclass
class Found:
    text: str = ""
    date: str = ""
    author: str = ""


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: {"main_text": 0, "date": 0, "author": 0})
    total: dict[str, int] = field(default_factory=lambda: {"main_text": 0, "date": 0, "author": 0})
    cpu_ms: list[float] = field(default_factory=list)


def served_file(folder: Path, host: str, path: str) -> Path | None:
    """The file the fixture server (auditor.demo.server) answers ``path`` of ``host`` from."""
    target = folder / "hosts" / host / path.lstrip("/")
    for candidate in (target / "index.html", target, target.with_suffix(".html")):
        if candidate.is_file():
            return candidate
    return None


def labelled_pages() -> list[Page]:
    from auditor.spiders.charset import decode_html

    pages = []
    for folder in accuracy.corpora():
        registry = toml.loads((folder / "sites.toml").read_text(encoding="utf-8"))
        hosts = {site["id"]: site["url"].split("{host:", 1)[1].split("}", 1)[0] for site in registry["site"]}
        for label in toml.loads((folder / "labels.toml").read_text(encoding="utf-8")).get("page", []):
            if label.get("kind") == "error":
                continue
            file = served_file(folder, hosts[label["site"]], label["path"])
            if file is None:
                continue
            html = decode_html(file.read_bytes(), "text/html").text
            url = f"http://{label['site']}.example{label['path']}"
            pages.append(Page(f"{folder.name}/{label['site']}{label['path']}", url, html, label))
    return pages


def ours(page: Page) -> Found:
    from parsel import Selector

    from auditor.spiders.extract import extract
    from auditor.spiders.facts import PageFacts

    facts = PageFacts(site="x", url=page.url, final_url=page.url, status=200, is_html=True)
    extract(facts, Selector(text=page.html, type="html", base_url=page.url).root, page.url)
    return Found(facts.main_text, (facts.published or "")[:10], facts.author)


def with_trafilatura(page: Page) -> Found:
    import trafilatura

    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True,
                                           include_comments=False, include_tables=True)
    if document is None:
        return Found()
    data = document if isinstance(document, dict) else document.as_dict()
    return Found(data.get("text") or "", (data.get("date") or "")[:10], data.get("author") or "")


def with_htmldate(page: Page) -> Found:
    from htmldate import find_date

    return Found(date=(find_date(page.html, url=page.url, original_date=True, outputformat="%Y-%m-%d") or "")[:10])


def score(extractor, pages: list[Page], repeat: int, facts: tuple[str, ...]) -> Score:
    result = Score()
    for page in pages:
        best, found = float("inf"), Found()
        for _ in range(repeat):
            started = time.process_time()
            found = extractor(page)
            best = min(best, time.process_time() - started)
        result.cpu_ms.append(best * 1000)
        label, article = page.label, page.label.get("kind") == "article"
        if "main_text" in facts:
            opening, text = accuracy.normal(label.get("main_text", "")), accuracy.normal(found.text)
            result.total["main_text"] += 1
            result.right["main_text"] += not opening or opening[:60] in text[:accuracy.OPENING + len(opening)]
        if article and "date" in facts:
            result.total["date"] += 1
            result.right["date"] += found.date == (label.get("published") or "")
        if article and "author" in facts:
            result.total["author"] += 1
            result.right["author"] += accuracy._close(label.get("author", ""), found.author)
    return result


def render(results: dict[str, Score]) -> str:
    lines = [f"{'extractor':<13}{'main text':>15}{'date':>15}{'author':>15}{'CPU ms/page':>14}{'max':>8}"]
    for name, result in results.items():
        cells = []
        for fact in ("main_text", "date", "author"):
            total = result.total[fact]
            cells.append(f"{result.right[fact] / total:.2f} ({result.right[fact]}/{total})" if total else "-")
        mean = sum(result.cpu_ms) / len(result.cpu_ms)
        lines.append(f"{name:<13}" + "".join(f"{c:>15}" for c in cells) + f"{mean:>14.1f}{max(result.cpu_ms):>8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts")
    args = parser.parse_args(argv)
    pages = labelled_pages()
    results = {"ours": score(ours, pages, args.repeat, ("main_text", "date", "author"))}
    try:
        results["trafilatura"] = score(with_trafilatura, pages, args.repeat, ("main_text", "date", "author"))
        results["htmldate"] = score(with_htmldate, pages, args.repeat, ("date",))
    except ImportError as error:
        print(f"({error.name} is not installed: only our extractor measured)", file=sys.stderr)
    articles = sum(1 for p in pages if p.label.get("kind") == "article")
    print(f"{len(pages)} labelled pages ({articles} articles) of {len(accuracy.corpora())} corpora\n")
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
