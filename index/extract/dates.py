"""Publication dates from text, file names and header/meta strings.

A date is only ever taken when it is explicit: a year is required, and relative words ("Monday",
"yesterday", "vor 3 Tagen") are never resolved because there is no anchor to resolve them
against. A cheap regex finds candidates first; dateparser (~ms per call) only sees those.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import threading

# Month name -> number: en, ru (genitive and nominative, abbreviations), uk (genitive), de, fr, es, it,
# pt, nl, pl and cs (genitive and nominative), sv, da, nb, fi. dateparser handles anything this
# table misses.
_MONTH_NUM: dict[str, int] = {}
for _n, _names in enumerate((
        "january jan январь января янв січня januar jänner janvier "
        "enero gennaio janeiro januari stycznia styczeń ledna leden tammikuuta",
        "february feb февраль февраля фев лютого februar février fevrier "
        "febrero febbraio fevereiro februari lutego luty února únor helmikuuta",
        "march mar март марта мар березня märz mars "
        "marzo março maart marca marzec března březen marts maaliskuuta",
        "april apr апрель апреля апр квітня avril abril aprile kwietnia kwiecień dubna duben huhtikuuta",
        "may май мая травня mai mayo maggio maio mei maja maj května květen toukokuuta",
        "june jun июнь июня июн червня juni juin junio giugno junho czerwca czerwiec června červen kesäkuuta",
        "july jul июль июля июл липня juli juillet "
        "julio luglio julho lipca lipiec července červenec heinäkuuta",
        "august aug август августа авг серпня août aout "
        "agosto augustus sierpnia sierpień srpna srpen augusti elokuuta",
        "september sep sept сентябрь сентября сен сент вересня "
        "septembre septiembre setiembre settembre setembro września wrzesień září syyskuuta",
        "october oct октябрь октября окт жовтня oktober octobre "
        "octubre ottobre outubro października październik října říjen lokakuuta",
        "november nov ноябрь ноября ноя листопада "
        "novembre noviembre listopada listopad listopadu marraskuuta",
        "december dec декабрь декабря дек грудня dezember décembre decembre "
        "diciembre dicembre dezembro grudnia grudzień prosince prosinec desember joulukuuta"), 1):
    for _w in _names.split():
        _MONTH_NUM[_w] = _n
# The names the patterns look for, longest first: a name that begins another ("červen" June,
# "červenec" July) must not cut it short.
_MONTHS = "|".join(sorted(_MONTH_NUM, key=lambda w: (-len(w), w)))
_M = rf"(?:{_MONTHS})\.?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_TEXT_DATE = re.compile(
    rf"(?<!\w)(?:{_DAY}(?:st|nd|rd|th|er|\.|-го)?\s*(?:de\s+)?{_M}\s*,?\s*(?:de\s+|del\s+)?{_YEAR}"
    rf"|{_M}\s+{_DAY}(?:st|nd|rd|th)?\s*,?\s+{_YEAR})(?:\s*(?:г\.|года|год|р\.|року|рік))?(?!\d)",
    re.I)
_PARTS = re.compile(rf"(?i)(?P<d1>{_DAY})?\D*?(?P<m>{_MONTHS})\.?\D*?(?P<d2>{_DAY})?\D*?(?P<y>{_YEAR})")
_ISO = re.compile(r"(?<!\d)(" + _YEAR + r")-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(" + _YEAR + r")(?!\d)")
_LABEL = re.compile(
    r"^(?:published|posted|updated|last updated|date|dated|первоначально опубликовано|опубликовано|"
    r"обновлено|дата публикации|дата|опубліковано|оновлено|дата публікації|veröffentlicht|aktualisiert|"
    r"stand|datum|publié le|publié|mis à jour|date de publication|publicado|actualizado|fecha)\b\s*:?\s*", re.I)
# A dateline's place: "MOSCOW, ", "KYIV, Ukraine, " or one capitalised word ("Київ, ").
_CAPS_PLACE = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ .'’-]+(?:,\s*[A-Z][a-z]+)?|[A-ZА-ЯЁІЇЄҐ][\w'’-]+),\s*$")
# Everything a pure date/time line may hold besides the date itself.
_DATE_LINE_REST = re.compile(
    r"^[\s,.:;|/·•–—()\-]*(?:(?:at|um|à|a las|в|о|o)\s*)?(?:\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*(?:utc|gmt|cet|cest|msk|мск|et|bst|edt|est|pt|pdt|kyiv time|moscow time)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?(?:\s*uhr)?)?"
    r"[\s,.:;|/·•–—()\-]*$", re.I)
# The end of a range of days ("am 23.-26.8.2017", "3-5 May 2020") dates an event the text
# tells of, never the text itself. A time before a dash ("10:30 - 19 May") is no range.
_RANGE_BEFORE = re.compile(r"(?<![\d:.])\d{1,2}\.?\s?[-–]\s?$")
_FUTURE_SLACK = dt.timedelta(days=2)
_MIN = dt.date(1950, 1, 1)

_LOCK = threading.Lock()
_SETTINGS = {
    "STRICT_PARSING": True,                       # day, month and year must all be present
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],   # no relative-time parser
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
}
_DEFAULT_LANGS = ["en", "ru", "uk", "de", "fr", "es", "it"]


def plausible(d: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """``d`` when it can be a publication date: not before 1950 nor days in the future."""
    if d is None:
        return None
    today = today or dt.date.today()
    return d if _MIN <= d <= today + _FUTURE_SLACK else None


def _dateparser(value: str, languages: list[str] | None) -> dt.date | None:
    import dateparser
    langs = [lang for lang in (languages or []) if lang] + [x for x in _DEFAULT_LANGS if x not in (languages or [])]
    try:
        with _LOCK:   # dateparser's language loading is lazy and not guarded
            got = dateparser.parse(value, languages=langs, settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    return got.date() if got else None


def _numeric(m: re.Match, language: str | None) -> dt.date | None:
    a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    # Slashes in English are month-first (US style) unless the first part cannot be a month.
    if m.group(2) == "/" and (language or "en") == "en" and a <= 12 and b <= 31:
        a, b = b, a
    try:
        return dt.date(y, b, a)
    except ValueError:
        return None


def _first_date(s: str, language: str | None) -> tuple[dt.date | None, int]:
    """The first explicit date in ``s`` and where it starts (-1 when none)."""
    found: list[tuple[int, re.Match, str]] = []
    for kind, rx in (("iso", _ISO), ("num", _NUMERIC), ("text", _TEXT_DATE)):
        m = next((m for m in rx.finditer(s) if not _RANGE_BEFORE.search(s, max(0, m.start() - 6), m.start())), None)
        if m:
            found.append((m.start(), m, kind))
    for start, m, kind in sorted(found, key=lambda t: t[0]):
        if kind == "iso":
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                d = None
        elif kind == "num":
            d = _numeric(m, language)
        else:
            d = _text_date(m.group(0), language)
        if plausible(d):
            return d, start
    return None, -1


def first_date_at(s: str, language: str | None = None) -> tuple[dt.date | None, int]:
    """The first explicit, plausible date in ``s`` (ISO, numeric or with a month's name) and
    where it starts; (None, -1) when there is none."""
    return _first_date(s, language)


def both_readings(s: str, start: int) -> tuple[dt.date, dt.date] | None:
    """(day first, month first) for the numeric date that starts at ``start`` in ``s`` when it
    reads both ways ("03/05/2022": the 3rd of May or the 5th of March), else None."""
    m = _NUMERIC.match(s, start)
    a, b, y = (int(m.group(i)) for i in (1, 3, 4)) if m else (0, 0, 0)
    if not m or a == b or a > 12 or b > 12:
        return None
    day_first, month_first = plausible(dt.date(y, b, a)), plausible(dt.date(y, a, b))
    return (day_first, month_first) if day_first and month_first else None


def _text_date(s: str, language: str | None) -> dt.date | None:
    """"19 мая 2025", "May 19th, 2025" -> date through the month table; dateparser otherwise."""
    m = _PARTS.search(s)
    if m and (m.group("d1") or m.group("d2")):
        month = _MONTH_NUM.get(m.group("m").casefold())
        if month:
            try:
                return dt.date(int(m.group("y")), month, int(m.group("d1") or m.group("d2")))
            except ValueError:
                return None
    return _dateparser(s, [language] if language else None)


def is_date_line(line: str) -> bool:
    """A line that holds a date (and maybe a time or a "Published:" label) and nothing else."""
    s = _LABEL.sub("", line.strip())
    if len(s) > 80 or not re.search(r"\d", s):
        return False
    for rx in (_ISO, _NUMERIC, _TEXT_DATE):
        m = rx.search(s)
        if m:
            rest = (s[:m.start()] + " " + s[m.end():])
            rest = re.sub(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b", "", rest)
            return bool(_DATE_LINE_REST.match(rest))
    return False


def date_from_text(text: str, language: str | None = None) -> dt.date | None:
    """A publication date stated near the top: a date line among the first five lines, a
    "Published: ..." label, or a dateline ("MOSCOW, May 19, 2025 (Reuters) -")."""
    lines = [ln.strip() for ln in text.strip().split("\n", 40)[:40] if ln.strip()][:5]
    for line in lines:
        if not re.search(r"\d", line):
            continue
        labelled = _LABEL.match(line)
        s = line[labelled.end():] if labelled else line
        d, start = _first_date(s[:200], language)
        if d is None:
            continue
        if labelled or len(line) <= 120:
            return d
        # In a paragraph only a leading date counts: "MOSCOW, May 19, 2025 (Reuters) - ..."
        if not s[:start].strip() or dateline_lead(s[:start]):
            return d
    return None


def dateline_lead(lead: str) -> bool:
    """Whether ``lead``, the text before a date that opens a paragraph, is a dateline's place
    ("MOSCOW, ", "KYIV, Ukraine, ", a press release's "Karlsruhe, (")."""
    return len(lead) < 60 and bool(_CAPS_PLACE.match(re.sub(r"\(\s*$", "", lead)))


_FILENAME_PATTERNS = (
    re.compile(r"(?<!\d)(" + _YEAR + r")[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])[-_.](0[1-9]|1[0-2])[-_.](" + _YEAR + r")(?!\d)"),
)


def date_from_filename(path: str) -> dt.date | None:
    """"2025-05-19_x.txt", "20250519-x.html", "x_19.05.2025.txt" -> the date; impossible and
    future dates are rejected. Only the file name counts (folders too often hold other numbers)."""
    name = re.split(r"[/\\!]", path)[-1]
    for i, rx in enumerate(_FILENAME_PATTERNS):
        for m in rx.finditer(name):
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if i == 0 else (m.group(3), m.group(2), m.group(1))
            try:
                got = plausible(dt.date(int(y), int(mo), int(d)))
            except ValueError:
                got = None
            if got:
                return got
    return None


def parse_date(value, languages: list[str] | None = None) -> dt.date | None:
    """A header or meta value -> date: RFC 2822 ("Mon, 19 May 2025 10:00:00 +0000"), ISO 8601
    ("2025-05-19T10:00:00Z"), numeric and human forms in several languages. None when the value
    has no explicit full date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return plausible(value.date())
    if isinstance(value, dt.date):
        return plausible(value)
    s = str(value).strip()
    if not s or len(s) > 200:
        return None
    try:
        return plausible(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    if re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", s):
        try:
            return plausible(email.utils.parsedate_to_datetime(s).date())
        except (TypeError, ValueError, IndexError):
            pass
    lang = languages[0] if languages else None
    d, _ = _first_date(s, lang)
    if d:
        return d
    if re.search(r"\d{4}", s):   # other human forms dateparser knows; a year is still required
        d = plausible(_dateparser(s, languages))
        if d and str(d.year) in s:
            return d
    return None
