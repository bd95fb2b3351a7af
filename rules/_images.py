"""What a picture says: its alt, its title, and its file name read as words.

A section ("Phổ biến, giáo dục pháp luật" as a banner ``ttpbgdpl.png`` with ``alt=""``) or an
agency's name (a masthead picture) is often shown only in a picture. A person reads the picture;
the auditor reads what the markup gives: the alt and title attributes, and the file name split
into words (dashes, camel case, digits), size suffixes ("357X50") and generic words ("banner",
"logo") dropped, abbreviations and joined words expanded from the pack's table
(``abbreviations``: "ttpbgdpl = tuyên truyền phổ biến giáo dục pháp luật").
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from auditor.rules._text import fold

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp")
# Words of file names that say what the file is, not what it shows
GENERIC_WORDS = frozenset({"banner", "bn", "logo", "icon", "ico", "img", "image", "images", "anh",
                           "hinh", "btn", "button", "thumb", "bg", "background", "header", "top",
                           "web", "new", "copy", "final", "min", "small", "large"})
_SIZE = re.compile(r"\d+x\d+", re.IGNORECASE)  # "357X50": the banner's size in pixels
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PIECES = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=64)
def abbreviation_table(entries: tuple[str, ...]) -> dict[str, str]:
    """The pack's ``abbreviations`` list ("tthc = thủ tục hành chính") as folded key -> words."""
    table = {}
    for entry in entries:
        short, _, words = entry.partition("=")
        if short.strip() and words.strip():
            table[fold(short)] = words.strip()
    return table


def file_name_words(url: str, table: dict[str, str]) -> list[str]:
    """The words of each image file name in the URL's path ("…/ttpbgdpl.png/ttpbgdpl03f5.png":
    Liferay keeps the uploaded name as a folder). Empty when the names say nothing."""
    readings = []
    for segment in unquote(urlsplit(url).path).split("/"):
        stem, dot, extension = segment.rpartition(".")
        if not dot or f".{extension.lower()}" not in IMAGE_EXTENSIONS:
            continue
        pieces = _PIECES.findall(_CAMEL.sub(" ", _SIZE.sub(" ", stem)))
        words = [table.get(piece.lower(), piece.lower()) for piece in pieces
                 if piece.lower() not in GENERIC_WORDS and len(piece) > 1]
        reading = " ".join(words)
        if reading and reading not in readings:
            readings.append(reading)
    return readings


def picture_names(alt: str | None, title: str, src: str, table: dict[str, str]) -> list[str]:
    """What a person may read in the picture, as far as the markup tells: alt, title, file name."""
    names = [text for text in ((alt or "").strip(), (title or "").strip()) if text]
    return names + file_name_words(src, table)


def link_picture_names(link, table: dict[str, str]) -> list[str]:
    """The names of a banner link's picture (spiders/facts.py Link.image: alt, title, URL)."""
    if not link.image:
        return []
    alt, title, src = (link.image.split("\n") + ["", "", ""])[:3]
    return picture_names(alt, title, src, table)


def is_mute(medium) -> bool:
    """A picture whose markup says nothing a person could read in it (no alt, no title)."""
    return not (medium.alt or "").strip() and not (getattr(medium, "title", "") or "").strip()
