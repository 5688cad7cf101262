"""Letters a language's spelling never uses: the evidence n-gram profiles weigh too lightly.

Close languages share most n-grams (Slovene/Croatian, Czech/Slovak, Bulgarian/Macedonian,
Russian/Ukrainian), and Wikipedia-trained profiles hold foreign names, so a letter that one of
them never writes ("ř" in Slovak, "ъ" in Macedonian, "ы" in Ukrainian) barely moves the score.
Each such letter in the text here costs the language a fixed amount of log-likelihood: a few
letters from a quoted name do not outvote a text, but a 120-character snippet whose letters one
language cannot spell is not given to it.

Alphabets are those of each language's standard orthography. Only the distinguishing letters of
the script's family are listed (the letters outside the basic Latin or Cyrillic sets); a
language not listed here gets no penalty.
"""
from __future__ import annotations

# Extra letters of the family (beyond a-z) that appear in any listed Latin-script Slavic language.
_LATIN_FAMILY = set("áäčćďđéěíĺľłńňóôŕřśšťúůýźżžąę")
_LATIN = {
    "cs": set("áčďéěíňóřšťúůýž"),
    "sk": set("áäčďéíĺľňóôŕšťúýž"),
    "pl": set("ąćęłńóśźż"),
    "sl": set("čšž"),
    "hr": set("čćđšž"),
    "bs": set("čćđšž"),
}
# All Cyrillic letters of the listed languages.
_CYRILLIC_FAMILY = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўјљњѓќѕџђћ")
_BASE = set("абвгдежзиклмнопрстуфхцчш")
_CYRILLIC = {
    "ru": _BASE | set("ёйщъыьэюя"),
    "uk": _BASE | set("йщьюяіїєґ"),
    "be": (_BASE - set("и")) | set("ёйыьэюяіў"),
    "bg": _BASE | set("йщъьюя"),
    "mk": _BASE | set("јљњѓќѕџ"),
    "sr": _BASE | set("јљњђћџ"),
}
FOREIGN_LETTER_COST = 4.0   # log-likelihood per letter the language cannot spell


def _foreign(alphabets: dict[str, set], family: set, letters: dict[str, int]) -> dict[str, int]:
    present = {ch: n for ch, n in letters.items() if ch in family}
    if not present:
        return {}
    return {lang: sum(n for ch, n in present.items() if ch not in alphabet)
            for lang, alphabet in alphabets.items()}


def foreign_letters(text: str) -> dict[str, int]:
    """For each listed language, how many letters of ``text`` its alphabet does not have."""
    counts: dict[str, int] = {}
    for ch in text.lower():
        if ch > "z":
            counts[ch] = counts.get(ch, 0) + 1
    out = _foreign(_LATIN, _LATIN_FAMILY, counts)
    out.update(_foreign(_CYRILLIC, _CYRILLIC_FAMILY, counts))
    return out
