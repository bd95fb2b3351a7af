"""Vietnamese dates in page text (facts for the FRS freshness rules).

Runs on every crawled page (up to ~100 KB of text), so it is all compiled regexes: a cheap pass
for hints (a year, "trước", "hôm"), the full patterns only in small windows around them.
dateparser is imported lazily and asked only about the relative phrases ("3 ngày trước",
"hôm qua") the regex has already isolated.

Day first, always (RULES.md, FRS). Recognised, with optional weekday and time around them:
  7:57, Chủ Nhật, 8-5-2022 | (07:56 | 10/03/2016) | Cập nhật ngày : 11-04-2017
  Thứ bảy, ngày 27 tháng 02 năm 2021 | 27 tháng 2, 2021 | Thứ 2, 06/11/2026 14:05
  14:05 06/11/2026 | 23.03.2023 | 2023-03-23T14:05 (ISO, from <time>/meta) | 3 ngày trước, hôm qua

Deliberately NOT dates:
- day and month without a year ("Ngày 14/10", "ngày 7/3"): the year is unknown, and guessing
  it from the crawl date would make an old article look fresh;
- two-digit years ("23/03/23") and month names in words ("tháng Hai"): ambiguous and rare;
- impossible dates (31/02/2023, month 13), and years outside 1990..reference year + 1: this
  drops phone numbers (0912.660.437), document numbers ("13-CT/TU", "43/2011/NĐ-CP" is
  number/year, never day/month/year), version strings and counters;
- "hôm nay"/"hôm qua" followed by a number: that is a visitor counter ("Hôm nay 3,036").
Values are naive wall-clock datetimes; an ISO UTC offset is dropped, not converted.
"""

from __future__ import annotations

import calendar
import heapq
import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import Iterator

__all__ = ["FoundDate", "find_dates", "parse_date", "iso"]

MIN_YEAR = 1990


@dataclass(slots=True, frozen=True)
class FoundDate:
    raw: str  # the matched text as it appears (NFC), including weekday/time parts when matched
    value: datetime  # naive datetime; midnight when no time was written
    has_time: bool
    start: int  # offset in the (NFC) text


def _time(p: str) -> str:
    """A clock time, 7:57 / 07:56:10 / 14h05 / 8:39 SA; group names prefixed with `p`."""
    return (
        rf"(?<![\d:])(?P<{p}h>[01]?\d|2[0-3])[:h](?P<{p}m>[0-5]\d)(?::(?P<{p}s>[0-5]\d))?(?![\d:])"
        # SA/CH (sáng/chiều) are the Vietnamese AM/PM of Windows and SharePoint portals
        rf"(?:\ ?(?P<{p}ap>AM|PM|SA|CH)(?!\w))?"
    )


# Whitespace runs are bounded ({0,3}) so that a date expression has a bounded length around its
# year, which lets the scan below look only at small windows (_ABSOLUTE_REACH).
# Between the parts of one date expression: "7:57, Chủ Nhật, 8-5-2022", "(07:56 | 10/03/2016)".
_SEP = r"\s{0,3}[,|–-]?\s{0,3}"
_WEEKDAY = r"(?<!\w)(?:thứ\s{0,2}(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s{0,2}nhật|CN|T[2-7])(?!\w)"
# "ngày" (day) often introduces the date: "ngày 7/3/2023", "Cập nhật ngày : 11-04-2017".
_NGAY = r"(?<!\w)ngày\s{0,3}:?\s{0,3}"
# d/m/yyyy with one separator throughout. Not preceded by a digit, "/" or "." and not followed
# by a digit or ".digit"/"/digit": the tail of a phone number, IP or version string is no date.
_DMY = r"(?<![\d/.])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d|[/.]\d)"
# "27 tháng 02 năm 2021", "27 tháng 2, 2021", "ngày 27 tháng 2/2021"; at most one space before
# the year, as _YEAR_HINT expects
_WORDS = (r"(?<!\d)(?P<wd>\d{1,2})\s{1,3}tháng\s{1,3}(?P<wm>\d{1,2})"
          r"(?:\s{0,3}[,/]\s?|\s{1,3}năm\s)(?P<wy>\d{4})(?!\d)")
_ISO = (
    r"(?<![\w.\-/])(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)"
    r"(?:[T\ ](?P<ih>[01]\d|2[0-3]):(?P<imin>[0-5]\d)(?::(?P<is>[0-5]\d)(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)?(?![\d\-/])"
)
_ABSOLUTE_RE = re.compile(
    # the lookahead is a cheap first test: every date starts with a digit, t(hứ), c(hủ), n(gày)
    rf"(?=[\dtcn])(?:{_ISO}"
    rf"|(?:{_time('l')}{_SEP})?(?:{_WEEKDAY}{_SEP})?(?:{_NGAY})?(?:{_DMY}|{_WORDS})"
    # a time after the date only when none came before it, else "… 23/03/2023 14:05 24/03/2023"
    # would give the second date's time to the first
    rf"(?(lh)|(?:{_SEP}{_time('t')})?))",
    re.IGNORECASE,
)
_UNITS = {"giây": "seconds", "phút": "minutes", "giờ": "hours", "tiếng": "hours",
          "ngày": "days", "tuần": "weeks", "tháng": "months", "năm": "years"}
_RELATIVE_RE = re.compile(
    rf"(?=[\dh])(?<!\w)(?:(?P<rn>\d{{1,3}})\s{{1,3}}(?P<ru>{'|'.join(_UNITS)})\s{{1,3}}trước"
    # "Hôm nay 3,036": a visitor counter, not a date
    r"|hôm\s{1,3}(?P<rd>nay|qua|kia)(?!\s{0,3}:?\s{0,3}\d))(?!\w)",
    re.IGNORECASE,
)
# Cheap hints, then the full patterns only in small windows around them (one plain pass of the
# full patterns over 100 KB of text costs ~35 ms, the hints ~1 ms). Every absolute date holds a
# year 19xx/20xx right after "/", ".", "-", ",", "/ ", ", " or "năm ", or before "-mm-" (ISO);
# every relative phrase holds "trước" or "hôm". Python's re skips fast to a pattern's first
# character only when that is plain (no lookbehind, no IGNORECASE): hence the lookbehinds last.
# Each hint pattern is searched as _Hints below, one pattern per literal it begins with.
_YEAR_AFTER = r"\d\d(?:(?<=[/.,-]\d{4})|(?<=[/,]\s\d{4})|(?<=[nN][ăĂ][mM]\s\d{4})|(?=-\d\d-))"
_YEAR_HINT = re.compile(rf"(?:19|20){_YEAR_AFTER}")
_RELATIVE_AFTER = r"(?:(?<=[tT][rR][ưƯ][ớỚ])[cC]|(?<=[hH][ôÔ])[mM])"
_RELATIVE_HINT = re.compile(f"[ớỚôÔ]{_RELATIVE_AFTER}")


class _Hints:
    """``finditer`` of a pattern that begins with a choice of literals ("19|20", "[ớỚôÔ]"),
    found by one pattern for each literal: a pattern that begins with a literal is searched for
    by re's fast string search, one that begins with a choice is tried at every character
    that may begin it (bench/: the year hints of a synthetic page's main text 0.22 -> 0.06 ms,
    the relative ones 0.13 -> 0.07). The leftmost match at or after the end of the last one is
    taken, as finditer does: no two patterns match at one place (their literals differ there),
    and a pattern whose match overlaps the last one is searched again past it."""

    def __init__(self, literals: tuple[str, ...], after: str):
        self.patterns = tuple(re.compile(re.escape(literal) + after) for literal in literals)

    def finditer(self, text: str) -> Iterator[re.Match]:
        # Each pattern's next match, on a heap by start (no two start at one place): the next
        # hint is its top, and the matches that overlap it are popped from there, in C
        # (a min() over them all took twice as long: bench/, a synthetic page's year hints).
        patterns = self.patterns
        ahead = [(match.start(), at, match) for at, pattern in enumerate(patterns)
                 if (match := pattern.search(text)) is not None]
        heapq.heapify(ahead)
        while ahead:
            _, at, found = heapq.heappop(ahead)
            yield found
            end = found.end()
            again = [at]
            while ahead and ahead[0][0] < end:
                again.append(heapq.heappop(ahead)[1])
            for at in again:
                match = patterns[at].search(text, end)
                if match is not None:
                    heapq.heappush(ahead, (match.start(), at, match))


_YEAR_HINTS = _Hints(("19", "20"), _YEAR_AFTER)
_RELATIVE_HINTS = _Hints(tuple("ớỚôÔ"), _RELATIVE_AFTER)
# How far an expression reaches before and after its hint, with whitespace bounded as above.
# Before a year: "12:34:56 CH   ,   chủ  nhật   ,   ngày   :   27   tháng   02   năm " (67);
# after it: "-03-23T14:05:00.123456+07:00" and a lookahead (29). Before the hint "ớc" of
# "trước": "123   tiếng   trư" (17); after "hôm": "   kia   :   " and a digit (14). Tested.
_ABSOLUTE_REACH = (70, 30)
_RELATIVE_REACH = (20, 18)
# Every character an absolute date may hold (digits, spaces, separators, the letters of the
# weekdays, "ngày", "tháng", "năm", AM/PM/SA/CH, ISO's T, Z and +), in any case. A match that
# holds a hint starts within the run of these that ends at the hint, and a match starting
# before the run cannot cross the character that ends it: the window may begin at the run
# with the same matches after it. A window of 70 characters is then ~20 (bench/: half the
# scan's time went to trying the pattern at the positions before a date). Tested against the
# full scan, with the case of an ISO offset "+07:00" before a date.
_ABSOLUTE_LEAD = re.compile(r"[\s\d,|–\-:/.+aàáảăậbcghimnpstuưứủyz]*", re.IGNORECASE)


# The last few texts scanned, by identity (with their reference and limit): extract.py scans a
# page's four regions, then features.py reads the main text's dates again for their labels;
# with one entry the footer's scan had evicted the main text's (bench/: ~1 ms a page).
_RECENT_SCANS: list[tuple] = []
RECENT_SCANS = 4  # header, body, sidebar, footer


def find_dates(text: str, reference: datetime | None = None, limit: int = 200) -> list[FoundDate]:
    """Dates in `text` (NFC-normalised first), in order of appearance, at most `limit`.

    `reference` (default: now) resolves relative phrases and caps the year at reference + 1.
    """
    if reference is None or not text:
        return _find_dates(text, reference, limit)
    for seen, seen_reference, seen_limit, found in _RECENT_SCANS:
        if seen is text and seen_reference == reference and seen_limit == limit:
            return list(found)
    found = _find_dates(text, reference, limit)
    _RECENT_SCANS.insert(0, (text, reference, limit, found))
    del _RECENT_SCANS[RECENT_SCANS:]
    return list(found)


def _find_dates(text: str, reference: datetime | None, limit: int) -> list[FoundDate]:
    text = unicodedata.normalize("NFC", text)
    ref = (reference or datetime.now()).replace(tzinfo=None)
    found: list[FoundDate] = []
    if limit <= 0:
        return found
    absolute = _scan(_ABSOLUTE_RE, _YEAR_HINTS, _ABSOLUTE_REACH, text, ref, _ABSOLUTE_LEAD)
    relative = _scan(_RELATIVE_RE, _RELATIVE_HINTS, _RELATIVE_REACH, text, ref)
    # Most texts have no relative date: then there is nothing to merge (a key call per date).
    first_relative = next(relative, None)
    in_order = absolute if first_relative is None else heapq.merge(
        absolute, itertools.chain((first_relative,), relative), key=attrgetter("start"))
    for date in in_order:
        if found and date.start < found[-1].start + len(found[-1].raw):
            continue  # overlaps the previous one (not seen in practice; kept safe)
        found.append(date)
        if len(found) >= limit:
            break
    return found


def _scan(
    pattern: re.Pattern, hint: "re.Pattern | _Hints", reach: tuple[int, int], text: str, ref: datetime,
    lead: re.Pattern | None = None,
) -> Iterator[FoundDate]:
    """Valid dates of `pattern` in order, searching only in windows around the hints.

    Gives what `pattern.finditer(text)` would: lookbehinds still see the text before a window.
    `lead` matches the characters a match may hold before its hint, read backwards.
    """
    pos = 0
    for h in hint.finditer(text):
        hint_start = h.start()
        if hint_start < pos:
            continue  # inside the previous match
        start = max(pos, hint_start - reach[0])
        if lead is not None:
            start = hint_start - lead.match(text[start:hint_start][::-1]).end()
        for m in pattern.finditer(text, start, h.end() + reach[1]):
            if m.start() <= hint_start and h.end() <= m.end():
                break
        else:
            continue
        pos = m.end()
        value, has_time = _value(m, ref)
        if value is not None and MIN_YEAR <= value.year <= ref.year + 1:
            yield FoundDate(m.group(), value, has_time, m.start())


def parse_date(text: str, reference: datetime | None = None) -> FoundDate | None:
    """The first date in `text`, or None."""
    found = find_dates(text, reference, limit=1)
    return found[0] if found else None


def iso(found: FoundDate) -> str:
    """'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM' when a time was written."""
    value = found.value
    if value.tzinfo is None and value.year >= 1000:
        # isoformat() spells such a value as strftime() does, at a third of its cost (every
        # date mention of a page is given its ISO form: ~60 on a listing). It would add an
        # offset to an aware value, and pads a year below 1000, which strftime does not.
        return value.isoformat(timespec="minutes") if found.has_time else value.date().isoformat()
    return value.strftime("%Y-%m-%dT%H:%M" if found.has_time else "%Y-%m-%d")


def _value(m: re.Match, ref: datetime) -> tuple[datetime | None, bool]:
    if m.re is _RELATIVE_RE:
        # minute precision is all that is kept, and it lets the cache serve a whole crawl minute
        return _relative(m.group().lower(), ref.replace(second=0, microsecond=0))
    return _absolute_value(m.group(*_ABSOLUTE_GROUPS))


# An absolute date's value is its groups' (the reference only bounds its year, after): read in
# one call, and looked up for the dates a site's pages repeat (news lists, "13:09 | 17/08/2024").
_ABSOLUTE_GROUPS = ("iy", "im", "id", "ih", "imin", "is", "y", "m", "d", "wy", "wm", "wd",
                    "lh", "lm", "ls", "lap", "th", "tm", "ts", "tap")


@lru_cache(maxsize=4096)
def _absolute_value(groups: tuple[str | None, ...]) -> tuple[datetime | None, bool]:
    iy, im, iday, ih, imin, isec, y, mo, d, wy, wm, wd, lh, lm, ls, lap, th, tm, ts, tap = groups
    if iy:
        y, mo, d, hh, mi, s = iy, im, iday, ih, imin, isec
    else:
        y, mo, d = (y, mo, d) if y else (wy, wm, wd)
        hh, mi, s, ap = (lh, lm, ls, lap) if lh else (th, tm, ts, tap)
        if hh is not None:
            hh = _hour_24(int(hh), (ap or "").upper())
    try:
        if hh is None:
            return datetime(int(y), int(mo), int(d)), False
        return datetime(int(y), int(mo), int(d), int(hh), int(mi), int(s or 0)), True
    except ValueError:  # 31/02/2023, month 13
        return None, False


def _hour_24(hour: int, ampm: str) -> int:
    if ampm in ("PM", "CH") and hour < 12:
        return hour + 12
    if ampm in ("AM", "SA") and hour == 12:
        return 0
    return hour


@lru_cache(maxsize=256)
def _relative(phrase: str, ref: datetime) -> tuple[datetime | None, bool]:
    """A relative phrase against `ref`: dateparser first, our own arithmetic if it fails.

    Units under a day keep the time (truncated to the minute); coarser ones are a date only.
    """
    phrase = " ".join(phrase.split())
    if phrase.startswith("hôm"):
        count, unit = {"nay": 0, "qua": 1, "kia": 2}[phrase.split()[1]], "days"
    else:
        number, word = phrase.split()[:2]
        count, unit = int(number), _UNITS[word]
    with_time = unit in ("seconds", "minutes", "hours")
    try:
        import dateparser  # lazy: ~0.1 s to import, and most pages have no relative phrase

        value = dateparser.parse(phrase, languages=["vi"], settings={"RELATIVE_BASE": ref})
    except Exception:  # noqa: BLE001 - any failure of the library falls back to arithmetic
        value = None
    if value is None:  # dateparser knows neither "hôm kia" nor "tiếng"
        value = _minus(ref, count, unit)
    if value is None:
        return None, False
    value = value.replace(tzinfo=None, second=0, microsecond=0)
    if not with_time:
        value = value.replace(hour=0, minute=0)
    return value, with_time


def _minus(ref: datetime, count: int, unit: str) -> datetime | None:
    try:
        if unit in ("months", "years"):
            months = ref.year * 12 + ref.month - 1 - count * (12 if unit == "years" else 1)
            year, month = divmod(months, 12)
            day = min(ref.day, calendar.monthrange(year, month + 1)[1])
            return ref.replace(year=year, month=month + 1, day=day)
        return ref - timedelta(**{unit: count})
    except (ValueError, OverflowError):  # before year 1: out of range anyway
        return None
