"""What the browser pass brings back from one page: axe-core's results and the page's identity.

Plain data, so that the rules (``auditor/rules/_axe.py``) read it without knowing Playwright.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SampledPage:
    """A page the crawl fetched and the sampler chose for the browser pass."""

    site: str  # registry id
    url: str  # the final URL the crawl read
    why: str  # "home", "section:SEC-002", "article"
    lang: str = ""  # <html lang> as the crawl read it (for ACC-003's side of the language check)
    text: str = ""  # the start of the main text, as the crawl read it


@dataclass
class RenderedPage:
    site: str
    url: str
    why: str = ""
    violations: list[dict] = field(default_factory=list)  # axe "violations"
    incomplete: list[dict] = field(default_factory=list)  # axe "incomplete": to be reviewed by a person
    lang: str = ""  # the crawl's view of <html lang> (SampledPage.lang)
    text: str = ""
    seconds: float = 0.0  # load and axe run
    error: str = ""  # the page could not be rendered: no findings, the reason instead
    engine: str = ""  # "axe-core 4.12.1"

    @classmethod
    def of(cls, sample: SampledPage, **values) -> "RenderedPage":
        return cls(site=sample.site, url=sample.url, why=sample.why, lang=sample.lang,
                   text=sample.text, **values)
