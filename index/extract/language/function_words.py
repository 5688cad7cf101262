"""A fast first opinion on the language: counts of each language's commonest function words.

langdetect costs 10-30 ms an article (random n-gram trials); most news text is told apart by a
handful of words like "the/and/of" or "и/в/не". When the counts give a clear winner this answer
is used, and only mixed, short or unusual texts go to langdetect. Measured on the corpora in
bench/entities_bench.py (language accuracy) and bench/import_bench.py (speed).
"""
from __future__ import annotations

import re

# Words frequent in one language and rare in the others of the same script. Kept short on
# purpose: shared words (e.g. "a", "la", "de", "и" in ru/uk/bg) are left out or listed only
# where they discriminate.
_WORDS = {
    "en": "the and of to in is that for with was on as by at from are this have has were be which "
          "it said will would their its an not but after",
    "de": "der die und den das ist nicht mit sich des auf für ein eine dem auch es im zu von wird "
          "sind bei nach wie aus noch hat wurde über",
    "fr": "le les des est et une dans que pour qui sur pas par au aux du ce il elle sont avec mais "
          "cette ont été plus nous",
    "es": "el los las del que en y una por con para se es al lo como más pero sus ha fue este "
          "está son entre sobre también",
    "it": "il di che della per non sono gli nel una è anche alla dei delle ha con più questo "
          "stato come dal",
    "pt": "os das não uma com para que em ao foi mais pelo pela são seu sua também isso está "
          "muito",
    "nl": "het een van en de dat niet zijn op met voor ook aan heeft werd wordt maar door bij "
          "naar",
    "pl": "się nie że na jest do to w z jak ale przez dla od po już tak jego są został była "
          "które także",
    "cs": "se že je na v a to s do jako byl bylo by jsou ale už podle také jeho který která "
          "které při",
    "sk": "sa že je na v a to s do ako bol bolo by sú ale už podľa tiež jeho ktorý ktorá "
          "ktoré pri",
    "sl": "je in se na da za so v z pa ki ne tudi po bi bo ali kot še",
    "hr": "je i se na da za su u s od a ne to kao što bi će koji koja nije",
    "ru": "и в не на что с по как это он его из к а о для от же но было был она они только "
          "также который которые уже при",
    "uk": "і в не на що з у та до як це він його від для але було був вона вони також який "
          "які вже при ще",
    "bg": "и в не на че с за да се от по като това той е са но беше бил тя те също който "
          "които вече при",
}
_INDEX: dict[str, list[str]] = {}
for _lang, _ws in _WORDS.items():
    for _w in _ws.split():
        _INDEX.setdefault(_w, []).append(_lang)

_TOKEN = re.compile(r"[^\W\d_]+", re.U)
# Letters that only one Cyrillic language of ours uses.
_UK_LETTERS = set("іїєґ")
_RU_LETTERS = set("ыэё")


def word_counts(text: str) -> dict[str, float]:
    """How many of each language's function words ``text`` holds (a word shared by k languages
    counts 1/k for each)."""
    counts: dict[str, float] = {}
    for tok in _TOKEN.findall(text.lower()):
        langs = _INDEX.get(tok)
        if langs:
            for lang in langs:
                counts[lang] = counts.get(lang, 0.0) + 1.0 / len(langs)
    return counts


def quick_language(text: str, min_hits: int = 12, margin: float = 2.0) -> str | None:
    """The language when the function-word counts leave no doubt; None when unsure."""
    counts: dict[str, float] = {}
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < 25:
        return None
    for tok in tokens:
        langs = _INDEX.get(tok)
        if langs:
            share = 1.0 / len(langs)
            for lang in langs:
                counts[lang] = counts.get(lang, 0.0) + share
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    best, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if n < min_hits or n < margin * second:
        return None
    if best in ("ru", "uk", "bg"):
        letters = set(text.lower())
        # A Cyrillic guess must agree with the letters only that language has.
        if best == "ru" and letters & _UK_LETTERS:
            return None
        if best == "uk" and letters & _RU_LETTERS:
            return None
        if best == "bg" and letters & (_UK_LETTERS | _RU_LETTERS):
            return None
    return best
