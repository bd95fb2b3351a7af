"""Screenshots of archived pages, rendered from their inert copies (auditor/archive/inert.py) in
the system's headless Chromium, never fetched again: the copy is opened from a file and any
request the page might still make is aborted.

The offending element is found from the finding's evidence (``element_locator``): an axe CSS
selector, the link's ``href``, the image's, frame's or script's ``src``, or a phrase of a text
block. It is outlined in ``OUTLINE`` and scrolled to the middle of the view; a hidden element
(a hidden link, a script's placeholder) is revealed first, and the manifest says so.
"""

from __future__ import annotations

from pathlib import Path

from auditor.browser.chromium import launch, shut
from auditor.browser.session import FLAGS  # the browser pass's Chromium flags: no background traffic

OUTLINE = "#ff00ff"  # a colour no government portal's theme uses: the pixel test looks for it
VIEWPORT = {"width": 1280, "height": 900}

# Finds, reveals, outlines and centres the element; returns its box in the view, or null.
_MARK = """
([locator, colour, bannerId]) => {
  const bare = (url) => (url || "").split("#")[0].replace(/\\/$/, "");
  const fold = (text) => (text || "").normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\\s+/g, " ");
  const banner = document.getElementById(bannerId);
  const outside = (el) => !banner || !banner.contains(el);
  let el = null;
  if (locator.css) { try { el = document.querySelector(locator.css); } catch (e) { el = null; } }
  if (!el && locator.href) {
    el = [...document.querySelectorAll("a[href], area[href]")]
      .find((a) => outside(a) && bare(a.getAttribute("href")) === bare(locator.href));
  }
  if (!el && locator.src) {
    el = [...document.querySelectorAll("[data-archived-src]")]
      .find((e) => bare(e.getAttribute("data-archived-src")) === bare(locator.src));
  }
  if (!el && locator.text) {
    const wanted = fold(locator.text);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (outside(node.parentElement) && fold(node.textContent).includes(wanted)) { el = node.parentElement; break; }
    }
  }
  if (!el) return null;
  let revealed = false;
  if (el.hasAttribute("hidden") && el.dataset.archivedTag) {
    el.removeAttribute("hidden");
    el.textContent = "<" + el.dataset.archivedTag + (el.dataset.archivedSrc ? " " + el.dataset.archivedSrc : "") + ">";
    el.style.cssText = "display:inline-block;font:12px monospace;background:#fff;color:#000;padding:2px";
    revealed = true;
  }
  for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === "none") { node.style.setProperty("display", "block", "important"); revealed = true; }
    if (style.visibility === "hidden") { node.style.setProperty("visibility", "visible", "important"); revealed = true; }
  }
  el.style.setProperty("outline", "4px solid " + colour, "important");
  el.style.setProperty("outline-offset", "2px", "important");
  el.scrollIntoView({block: "center", inline: "center"});
  const box = el.getBoundingClientRect();
  return {x: box.x, y: box.y, width: box.width, height: box.height, revealed: revealed};
}
"""


def element_locator(evidence: dict) -> dict | None:
    """The simplest locator the finding's evidence gives, or None (the page as a whole)."""
    elements = evidence.get("elements") or []
    if elements and isinstance(elements[0], dict) and elements[0].get("selector"):
        selector = elements[0]["selector"]
        css = selector[-1] if isinstance(selector, list) and selector else selector
        if isinstance(css, str):
            return {"css": css}
    for key in ("href", "src"):
        if isinstance(evidence.get(key), str) and evidence[key]:
            return {key: evidence[key]}
    terms = evidence.get("terms")
    if isinstance(terms, list) and terms and isinstance(terms[0], str):
        return {"text": terms[0]}
    return None


class ArchiveCamera:
    """One headless Chromium for a bundle's screenshots: ``start``, ``shoot`` …, ``close``."""

    def __init__(self, chromium: str):
        self.chromium = chromium
        self.blocked: list[str] = []  # requests a copy tried to make (there should be none)

    def start(self) -> "ArchiveCamera":
        self._playwright, self.browser = launch(self.chromium, list(FLAGS))
        return self

    def close(self) -> None:
        shut(self._playwright, self.browser)

    def _abort(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def shoot(self, copy: Path, locator: dict | None, png: Path) -> dict | None:
        """Write the PNG of the copy with the located element outlined; the element's box in
        the picture (and whether it had to be revealed), or None when nothing was located."""
        from auditor.archive.inert import BANNER_ID

        context = self.browser.new_context(viewport=VIEWPORT, service_workers="block",
                                           locale="vi-VN", device_scale_factor=1)
        try:
            context.route("**/*", self._abort)
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.goto(copy.resolve().as_uri(), wait_until="load")
            box = page.evaluate(_MARK, [locator, OUTLINE, BANNER_ID]) if locator else None
            page.screenshot(path=str(png))
            return box
        finally:
            context.close()
