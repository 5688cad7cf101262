"""Dates from text, file names and header strings: explicit dates only, never relative words."""
from __future__ import annotations

import datetime as dt

import pytest

from index.extract.dates import date_from_filename, date_from_text, is_date_line, parse_date
from index.resources import seeds_dir

D = dt.date(2025, 5, 19)

TEXTS = [
    ("19 мая 2025\nТекст новости.", "ru", D),
    ("19 травня 2025 року\nТекст новини.", "uk", D),
    ("19. Mai 2025\nText der Meldung.", "de", D),
    ("19 mai 2025\nTexte de la dépêche.", "fr", D),
    ("19 de mayo de 2025\nTexto de la noticia.", "es", D),
    ("May 19, 2025\nText of the story.", "en", D),
    ("Headline\n2025-05-19\nText.", "en", D),
    ("19.05.2025\nТекст.", "ru", D),
    ("Published: 19 May 2025, 14:32 GMT\nText.", "en", D),
    ("Опубликовано: 19.05.2025 12:00\nТекст.", "ru", D),
    ("Title\nBy Jane Doe\nUpdated May 19th, 2025 at 10:32 a.m. EDT\nText.", "en", D),
    ("MOSCOW, May 19, 2025 (Reuters) - Russia said on Monday it was ready to work on a memorandum with "
     "Ukraine about a possible future peace accord, the Kremlin said after the call.", "en", D),
    ("Київ, 19 травня 2025 року – Уряд ухвалив рішення про підвищення мінімальної заробітної плати з "
     "наступного року, повідомили в Міністерстві економіки України.", "uk", D),
    ("Karlsruhe, (19.05.2025). Traditionell gedenken die Gemeinden am Sonntag ihrer Verstorbenen in den "
     "Gottesdiensten, in diesem Jahr auch im Netz.", "de", D),                     # a press release
    ("KYIV, Ukraine, May 19, 2025 (AP) — Officials said Tuesday that drones struck a building in the capital "
     "overnight and that rescue work went on through the whole morning.", "en", D),
    # month names of more languages: pt, nl, pl, cs, sv, fi
    ("19 de maio de 2025\nTexto da notícia.", "pt", D),
    ("19 mei 2025\nTekst van het bericht.", "nl", D),
    ("19 maja 2025\nTreść wiadomości.", "pl", D),
    ("19. května 2025\nText zprávy.", "cs", D),
    ("19 maj 2025\nText.", "sv", D),
    ("19. toukokuuta 2025\nUutisen teksti.", "fi", D),
    # a month's name that begins another's does not cut it short (Czech June "červen" begins
    # July "červenec" and its genitive "července")
    ("3. července 2025\nText.", "cs", dt.date(2025, 7, 3)),
    ("3. červenec 2025\nText.", "cs", dt.date(2025, 7, 3)),
    ("3. června 2025\nText.", "cs", dt.date(2025, 6, 3)),
    ("5/6/2025\nText.", "en", dt.date(2025, 5, 6)),        # US order in English
    ("5/6/2025\nTexte.", "fr", dt.date(2025, 6, 5)),
    # no explicit full date: nothing
    ("MOSCOW, May 19 (Reuters) - Russia said on Monday it was ready.", "en", None),
    ("Trump spoke with Putin on Monday.\nYesterday the Kremlin said the call went well.", "en", None),
    ("Vor 3 Tagen sagte der Kanzler, dass die Gespräche weitergehen.", "de", None),
    ("Вчера президент заявил о переговорах.", "ru", None),
    ("In 2022 Russia invaded Ukraine; the war is now in its fourth year.", "en", None),
    ("On May 19, 2025, the president met leaders from many countries at a long summit that was held in "
     "the capital city to discuss trade.", "en", None),                            # an event, not a dateline
    ("31.02.2025\nText.", "ru", None),                                             # impossible
    # the end of a range of days is an event's, not the text's; a time before a dash is no range
    ("Wir fahren am 23.-26.8.2025 zum Sommercamp.\nText.", "de", None),
    ("Festival 17–19 May 2025\nText.", "en", None),
    ("Konferenz vom 23.8.2025 bis 26.8.2025\nText.", "de", dt.date(2025, 8, 23)),
    ("Updated 10:30 - 19 May 2025\nText.", "en", D),
    ("Posted 2025-05-19 - 2025-05-20\nText.", "en", D),
    ("19 May 2099\nText.", "en", None),                                            # far future
    ("One\nTwo\nThree\nFour\nFive\nSix\n19 May 2025", "en", None),                 # not near the top
]


@pytest.mark.parametrize("text,lang,expected", TEXTS)
def test_date_from_text(text, lang, expected):
    assert date_from_text(text, lang) == expected


def test_seed_has_no_date():
    text = (seeds_dir() / "moscow-times-trump-putin-call.txt").read_text(encoding="utf-8")
    assert date_from_text(text, "en") is None


@pytest.mark.parametrize("path,expected", [
    ("2025-05-19_x.txt", D), ("20250519-x.html", D), ("x_19.05.2025.txt", D),
    ("archive.zip!/news/2024_03_05 report.txt", dt.date(2024, 3, 5)),
    ("x_2025-02-30.txt", None), ("2099-01-01.txt", None), ("123456789.txt", None),
    ("2025-05-19/story.txt", None),      # only the file name counts, not folders
    ("report-1234567.txt", None),
])
def test_date_from_filename(path, expected):
    assert date_from_filename(path) == expected


@pytest.mark.parametrize("value,langs,expected", [
    ("Mon, 19 May 2025 10:00:00 +0000", None, D),
    ("Tue, 20 May 2025 08:00:00 GMT", None, dt.date(2025, 5, 20)),
    ("2025-05-19T10:00:00Z", None, D),
    ("2025-05-19T23:30:00+03:00", None, D),
    ("2025-05-19", None, D),
    ("19 May 2025", None, D),
    ("May 19, 2025", None, D),
    ("19 мая 2025 г.", ["ru"], D),
    ("19 травня 2025", ["uk"], D),
    ("Montag, 19. Mai 2025", ["de"], D),
    ("19/05/2025", ["fr"], D),
    (dt.datetime(2025, 5, 19, 8), None, D),
    ("Monday", None, None), ("yesterday", None, None), ("vor 3 Tagen", ["de"], None),
    ("2025", None, None), ("May 2025", None, None), ("garbage", None, None), ("", None, None), (None, None, None),
    ("3000-01-01", None, None),
])
def test_parse_date(value, langs, expected):
    assert parse_date(value, langs) == expected


@pytest.mark.parametrize("line,expected", [
    ("May 19, 2025", True), ("Published: 19 May 2025, 14:32 GMT", True), ("Monday, 19 May 2025", True),
    ("19.05.2025, 12:00", True), ("May 19, 2025: Trump calls Putin", False), ("No date here", False),
])
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


def test_both_readings_of_a_numeric_date():
    from index.extract.dates import both_readings
    assert both_readings("am 03/05/2022 um 10:00", 3) == (dt.date(2022, 5, 3), dt.date(2022, 3, 5))
    assert both_readings("03.05.2022", 0) == (dt.date(2022, 5, 3), dt.date(2022, 3, 5))
    assert both_readings("13/05/2022", 0) is None      # the 13th: one reading only
    assert both_readings("05/05/2022", 0) is None      # the same day either way
    assert both_readings("May 3, 2022", 0) is None
