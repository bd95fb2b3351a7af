"""The media types the auditor reads as HTML pages: anything else is fetched, never parsed."""

HTML_TYPES = ("text/html", "application/xhtml+xml")
