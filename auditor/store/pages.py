"""How a page's facts are stored, derived from their declaration (spiders/facts.py).

Every field of ``PageFacts`` is a column of ``pages``, typed from its annotation: ``str`` text,
``int`` and ``bool`` integers, a list, a dict, a nested fact or a ``Reason`` JSON. A fact added
to ``PageFacts`` is therefore stored, migrated into older stores (``migrations.py`` adds the
missing columns) and read back for the site rules with no edit here. ``PageSummary``'s fields
are read from the same row.

Only what the type cannot say is written down below (``HINTS``): the fields kept in their own
tables (links, media), the caps on long lists, and the bulky fields kept for the home page only
(its full text, scripts and hidden text: the site rules read the home page whole) while other
pages keep their text's length and first 1,000 characters.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import attrgetter

from auditor.spiders.facts import DateMention, Heading, Link, Media, PageFacts, PageSummary
from auditor.spiders.outcomes import Reason
from auditor.spiders.outcomes import dump as dump_reason
from auditor.spiders.outcomes import load as load_reason

from auditor.content_types import HTML_TYPES  # noqa: E402
SAMPLE = 1000  # characters of the main text kept for every page (text_sample)


@dataclass(frozen=True)
class Hint:
    stored: bool = True  # False: not a column (its own table, or the row's site_id)
    cap: int = 0  # lists: items kept; text: characters kept (0: all)
    home_only: bool = False  # kept for the home page only (depth 0): bulky, read there alone


HINTS: dict[str, Hint] = {
    "site": Hint(stored=False),  # the row's site_id
    "links": Hint(stored=False),  # the links table
    "media": Hint(stored=False),  # the media table
    "headings": Hint(cap=50),
    "dates": Hint(cap=40),
    "header_text": Hint(cap=2000),
    # long enough for the lines after long link lists (editor, address, phone, e-mail), which a
    # cut at 3,000 characters lost on real portals (issue 11)
    "footer_text": Hint(cap=12_000),
    "text": Hint(home_only=True),
    "main_text": Hint(home_only=True),
    "hidden_text": Hint(home_only=True),
    "scripts": Hint(home_only=True),
    "inline_scripts": Hint(home_only=True),
}
# Columns derived from the facts rather than declared as facts (PageSummary reads them).
DERIVED = {"text_length": int, "text_sample": str}
# Where a page's links and media are: the rowids of its first and last rows in their tables.
# A page's rows are written together (Store.write_pages), one contiguous range, so they are
# read by rowid rather than through an index on page_id, which cost every link row of the
# crawl's hot path its upkeep (0.2 ms a page of 400 links). An empty range: last < first.
ELEMENT_RANGES = {"links": ("link_first", "link_last"), "media": ("media_first", "media_last")}
RANGE_COLUMNS = {column: int for pair in ELEMENT_RANGES.values() for column in pair}


@dataclass(frozen=True)
class Column:
    name: str
    kind: type  # the column's SQLite type as sqlite-utils names it: str, int, float
    codec: str  # text | int | bool | float | json | reason | facts
    hint: Hint
    item: type | None = None  # the dataclass of a list's items (Heading, DateMention ...)


def _codec(annotation) -> tuple[type, str, type | None]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):  # X | None
        inner = [a for a in args if a is not type(None)]
        return _codec(inner[0]) if len(inner) == 1 else (str, "json", None)
    if annotation is Reason:
        return str, "reason", None
    if annotation is bool:
        return int, "bool", None
    if annotation in (int, float, str):
        return annotation, {int: "int", float: "float", str: "text"}[annotation], None
    if origin is list and args and dataclasses.is_dataclass(args[0]):
        return str, "facts", args[0]
    return str, "json", None


@lru_cache(maxsize=None)
def columns_of(cls: type) -> tuple[Column, ...]:
    """The columns of a fact dataclass (PageFacts, Link, Media), in declaration order."""
    hints = typing.get_type_hints(cls)
    columns = []
    for spec in fields(cls):
        hint = HINTS.get(spec.name, Hint()) if cls is PageFacts else Hint()
        if hint.stored:
            kind, codec, item = _codec(hints[spec.name])
            columns.append(Column(spec.name, kind, codec, hint, item))
    return tuple(columns)


def page_columns() -> tuple[Column, ...]:
    return columns_of(PageFacts)


def pages_table() -> dict[str, type]:
    """The pages table for sqlite-utils' create(): keys, fact columns, derived columns."""
    return {"id": int, "audit_id": int, "site_id": int,
            **{column.name: column.kind for column in page_columns()}, **DERIVED, **RANGE_COLUMNS}


def links_table() -> dict[str, type]:
    return {"page_id": int, **{column.name: column.kind for column in columns_of(Link)}}


def media_table() -> dict[str, type]:
    return {"page_id": int, **{column.name: column.kind for column in columns_of(Media)}}


@lru_cache(maxsize=None)
def _element_getter(cls):
    """Links and media are many per page: their values are read in one call, as SQLite takes
    them (text, numbers, booleans as 0/1), when no field needs encoding."""
    columns = columns_of(cls)
    if len(columns) > 1 and all(c.codec in PLAIN_CODECS and not c.hint.cap for c in columns):
        return attrgetter(*(c.name for c in columns))
    return lambda element: tuple(_encode(c, getattr(element, c.name)) for c in columns)


def element_row(element) -> tuple:
    """A link's or a medium's row values, in its table's column order (after page_id)."""
    return _element_getter(type(element))(element)


def element_rows(cls: type, elements: list) -> list[tuple]:
    """``element_row`` of each element of a list declared as ``list[cls]``: the getter looked up
    once, and mapped in C (a page has some 400 links: 0.15 -> 0.09 ms a page)."""
    return list(map(_element_getter(cls), elements))


# -- facts -> row ----------------------------------------------------------------------------
PLAIN_CODECS = frozenset({"text", "int", "float", "bool"})  # stored as they are (bool: 0/1)


def _encode(column: Column, value):
    codec, cap = column.codec, column.hint.cap
    if codec in PLAIN_CODECS:
        return value[:cap] if cap and value else value
    if codec == "reason":
        return dump_reason(value)
    if codec in ("int", "float"):
        return value
    if cap:
        value = value[:cap]
    if codec == "facts":
        value = [element_row(item) for item in value]  # positional, as 0.1 stored them
    elif not value and isinstance(value, (list, dict)):
        return None
    return json.dumps(value, ensure_ascii=False)


def page_row(facts: PageFacts, site_row_id: int | None = None) -> tuple[dict, list[tuple], list[tuple]]:
    """The pages row of the facts, with their links and media rows (for links and media)."""
    home = facts.depth == 0
    row: dict = {"site_id": site_row_id}
    for column in page_columns():
        if column.hint.home_only and not home:
            row[column.name] = None
            continue
        row[column.name] = _encode(column, getattr(facts, column.name))
    row["text_length"] = len(facts.main_text)
    row["text_sample"] = facts.main_text[:SAMPLE]
    links = element_rows(Link, facts.links)
    media = element_rows(Media, facts.media)
    return row, links, media


# -- row -> facts ----------------------------------------------------------------------------
def _json(text, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _item(cls, value):
    if isinstance(value, dict):
        return cls(**value)
    return cls(*value) if isinstance(value, (list, tuple)) else None


def _items(cls, values) -> list:
    """The facts of a stored list (positional, as 0.1 stored them, or by name); what is neither
    is dropped. A site's pages hold some 4,000 dates: the positional ones are made in one pass."""
    if all(type(value) is list for value in values):
        return [cls(*value) for value in values]
    items = (_item(cls, value) for value in values)
    return [item for item in items if item is not None]


def _decode(column: Column, value, default):
    codec = column.codec
    if codec == "reason":
        return load_reason(value)
    if value is None:
        return default
    if codec == "bool":
        return bool(value)
    if codec == "facts":
        values = _json(value, [])
        return _items(column.item, values) if isinstance(values, list) else []
    if codec == "json":
        return _json(value, default)
    return value


def _reader(column: Column, default, keep_none: bool = False):
    """``_decode`` of one column, made once: a site's pages and the home page's links are read
    value by value (a few thousand a site)."""
    if keep_none:
        return lambda value: value if value is None else _decode(column, value, default)
    if column.codec in ("text", "int", "float"):
        return lambda value: default if value is None else value
    if column.codec == "bool":
        return lambda value: default if value is None else bool(value)
    return lambda value: _decode(column, value, default)


@lru_cache(maxsize=None)
def _defaults(cls) -> dict:
    out = {}
    for spec in fields(cls):
        if spec.default is not dataclasses.MISSING:
            out[spec.name] = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            out[spec.name] = spec.default_factory()
    return out


def _values(row: dict, names) -> dict:
    """The stored values of the named facts, decoded; a fact the row lacks (an older store)
    or left empty takes its declared default."""
    defaults = _defaults(PageFacts)
    out = {}
    for column in page_columns():
        if column.name in names and column.name in row:
            out[column.name] = _decode(column, row[column.name], defaults.get(column.name))
    _fill_older_columns(out, row, names)
    return out


def _fill_older_columns(out: dict, row: dict, names) -> None:
    """What stores written before a column existed (or left it empty) say of it otherwise."""
    if "is_html" in names and row.get("is_html") is None:  # stores before is_html was a column
        out["is_html"] = (row.get("content_type") or "") in HTML_TYPES
    if not row.get("final_url"):
        out["final_url"] = row["url"]


def page_facts(row: dict, site_key: str, links: list[Link], media: list[Media]) -> PageFacts:
    """A page's facts back from its row: whole for the home page (HINTS), and in stores written
    before the home page was kept whole, its text is the 1,000-character sample."""
    values = _values(row, {spec.name for spec in fields(PageFacts)})
    if not values.get("main_text") and row.get("text_sample"):
        values["main_text"] = values.get("text") or row["text_sample"]
    if not values.get("text"):
        values["text"] = values.get("main_text", "")
    return PageFacts(site=site_key, links=links, media=media, **values)


@lru_cache(maxsize=None)
def _summary_plan() -> tuple[tuple[str, object], ...]:
    """(name, reader) of the stored columns PageSummary reads."""
    names = {spec.name for spec in fields(PageSummary)}
    defaults = _defaults(PageFacts)
    return tuple((column.name, _reader(column, defaults.get(column.name)))
                 for column in page_columns() if column.name in names)


@lru_cache(maxsize=None)
def _summary_derived() -> tuple[tuple[str, type], ...]:
    names = {spec.name for spec in fields(PageSummary)}
    return tuple((name, kind) for name, kind in DERIVED.items() if name in names)


@lru_cache(maxsize=None)
def summary_columns() -> tuple[str, ...]:
    """The pages columns ``page_summary`` reads: a site's pages are read with these alone (the
    site rules read only the home page whole, ``page_facts``)."""
    return (*(name for name, _ in _summary_plan()), *(name for name, _ in _summary_derived()))


def page_summary(row: dict) -> PageSummary:
    """A page as the site rules see it (PageSummary), from the same row (whole, or its
    ``summary_columns``)."""
    values = {name: read(row[name]) for name, read in _summary_plan() if name in row}
    _fill_older_columns(values, row, ("is_html",))
    values.update({name: row[name] or kind() for name, kind in _summary_derived()})
    return PageSummary(**values)


def _element(cls, row: dict):
    defaults = _defaults(cls)
    return cls(**{column.name: _decode(column, row[column.name], defaults.get(column.name, ""))
                  for column in columns_of(cls) if column.name in row})


@lru_cache(maxsize=None)
def element_columns(cls) -> tuple[str, ...]:
    """The columns of a link's or a medium's row, in its declaration order."""
    return tuple(column.name for column in columns_of(cls))


@lru_cache(maxsize=None)
def _element_readers(cls, keep_none: frozenset) -> tuple:
    defaults = _defaults(cls)
    return tuple(_reader(column, defaults.get(column.name, ""), column.name in keep_none)
                 for column in columns_of(cls))


def elements_of(cls, rows, keep_none: frozenset = frozenset()) -> list:
    """Links or media from their rows' ``element_columns`` values (tuples), as ``link_of`` makes
    them from whole rows (the home page's 400 links: a third of the cost). ``keep_none``: the
    columns whose None says something (a medium's alt: no alt attribute at all)."""
    readers = _element_readers(cls, keep_none)
    return [cls(*[read(value) for read, value in zip(readers, row)]) for row in rows]


MEDIA_KEEP_NONE = frozenset({"alt"})  # None: no alt attribute at all


def link_of(row: dict) -> Link:
    return _element(Link, row)



__all__ = ["DateMention", "Heading", "page_columns", "page_facts", "page_row", "page_summary",
           "pages_table"]
