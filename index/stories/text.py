"""Text features shared by grouping and comparison: sentences, terms, names, numbers, quotes.

Everything here is deterministic and language-light: a stop list per common language, Snowball
stemming where the language has a stemmer, and surface patterns for numbers and quotes, so the
same article always yields the same signature whatever else is in the library.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STOP = {
    "en": """a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each few for
        from further had has have having he her here hers herself him himself his how i if in into
        is it its itself just me more most my myself no nor not now of off on once only or other our
        ours ourselves out over own same she should so some such than that the their theirs them
        themselves then there these they this those through to too under until up very was we were
        what when where which while who whom why will with would you your yours yourself said says
        say told tell according would could one two new also year years last first time people like
        just get got since still many much may might must us mr mrs ms dr per cent percent week day
        monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow""",
    "de": """aber alle als also am an auch auf aus bei bin bis da damit dann das dass dem den der
        des die dies diese dieser doch dort du durch ein eine einem einen einer eines er es für hat
        hatte hier ich ihr im in ist ja jetzt kann kein keine mit nach nicht noch nur ob oder sich
        sie sind so um und uns von vor war waren was weil wenn wer wie wir wird wurde zu zum zur""",
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
        только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или
        ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
        есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
        тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
        сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше
        тот через эти нас про всего них какая много разве три эту моя впрочем свою этой перед иногда
        лучше чуть том нельзя такой им более всегда конечно всю между это также заявил сказал""",
}
# Function words of other languages with a stemmer below, dropped from text of that language
# only (in the union above "son", "dan" or "door" would be lost in English): without them a
# handful of articles in one language look alike through "le/la/des" alone.
_STOP_OWN = {
    "fr": """au aux avec ce ces cet cette dans de des du elle elles en est et été être eux il ils
        je la le les leur leurs lui mais même nous on ont ou où par pas pour qu que qui sa se ses
        son sont sur ta te tes toi ton tu un une vos votre vous ne ni plus moins très aussi après
        avant comme donc dont entre depuis chez sans sous selon lors alors encore déjà tout tous
        toute toutes autre autres fait faire été était sera avait ont peut doit dit déclaré""",
    "es": """el la los las un una unos unas de del al y o en que se es por con para su sus lo
        como más pero ha han fue ser está son entre sobre también este esta estos estas ese esa
        muy sin hasta desde cuando donde porque ya le les nos no ni otro otra dijo según""",
    "it": """il lo la i gli le un una uno di del della dei delle degli da dal dalla in nel nella
        con su per tra fra e o che non si è sono ha hanno anche come più ma questo questa quello
        quella suo sua loro stato stata essere dopo prima ha detto secondo""",
    "pt": """o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com
        e ou que se não é são foi ser seu sua seus suas mais mas como também isso este esta ao
        aos entre sobre após disse segundo""",
    "nl": """de het een en van in op te dat die is zijn met voor niet aan er ook als bij door
        om maar naar dan of uit over tot nog wel werd wordt heeft hebben was waren zij hij ze
        we wij deze dit dat zegt zei volgens""",
    "pl": """i w na z do że się nie jest to jak ale przez dla od po już tak jego są został była
        było by o a oraz lub które który która także czy tym tego jej ich jako przy powiedział""",
}
STOPWORDS = frozenset(w for words in _STOP.values() for w in words.split())
_OWN_STOP = {stemmer: frozenset(_STOP_OWN[lang].split()) for lang, stemmer in
             (("fr", "french"), ("es", "spanish"), ("it", "italian"), ("pt", "portuguese"),
              ("nl", "dutch"), ("pl", "polish"))}
_ELIDING = frozenset({"french", "italian"})
# Counted nouns that are too common to be search terms but are exactly what numbers count.
_UNIT_STOP = STOPWORDS - {"people", "year", "years", "week", "day", "time", "cent", "percent"}

_STEMMERS = {"en": "english", "de": "german", "ru": "russian", "fr": "french", "es": "spanish",
             "it": "italian", "pt": "portuguese", "nl": "dutch", "pl": "polish", "cs": "czech",
             "sv": "swedish", "fi": "finnish", "tr": "turkish", "uk": "russian"}

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENT_END = re.compile(r"(?<=[.!?…])[\"'”»’)]*\s+(?=[\"'“«„(]?[^\W\d_a-zа-я]|[\"'“«„(]?\d)|\n+")
_QUOTE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{12,600}?)[\"“”„«»]")
# Numbers as each language writes them. English groups thousands with commas ("300,000", "2.5");
# most continental languages group with dots and write decimal commas ("300.000", "2,5"); French,
# Russian, Polish, Czech and the Nordic languages group with (no-break) spaces ("300 000").
# Figures are the one event evidence that crosses languages, so "2.400 Drohnen" must read as the
# 2,400 drones of the English report, not as 2.4.
_MULTIPLIER = (r"(%|percent\b|per cent\b|millions?\b|billions?\b|thousand\b|trillion\b|mln\b|bn\b|"
               r"миллион\w*|миллиард\w*|мільйон\w*|мільярд\w*|тысяч\w*|тисяч\w*|Millionen\b|"
               r"Million\b|Milliarden\b|Milliarde\b|Mio\.|Mrd\.|milliards?\b|millones\b|milioni\b|"
               r"miliardi\b|milhões\b|milionów\b|miliardów\b|milionů\b|Prozent\b|pour cent\b|"
               r"por ciento\b|per cento\b|процент\w*|відсот\w*)?")
_NUM_RES = {
    ",": re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])\s*" + _MULTIPLIER,
                    re.IGNORECASE),
    ".": re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+(?![\d])|\d+)(?:,(\d+))?(?![\w])\s*"
                    + _MULTIPLIER, re.IGNORECASE),
    " ": re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])|\d+)(?:[,.](\d+))?"
                    r"(?![\w])\s*" + _MULTIPLIER, re.IGNORECASE),
}
_GROUPING = {**dict.fromkeys(("de", "es", "it", "pt", "nl", "da", "id", "tr", "ro", "el", "sl",
                              "hr", "sr"), "."),
             **dict.fromkeys(("fr", "ru", "uk", "pl", "cs", "sk", "bg", "sv", "fi", "no", "nb",
                              "et", "lv", "lt", "hu"), " ")}
_MULT = {"thousand": 1e3, "тысяч": 1e3, "тисяч": 1e3, "million": 1e6, "mln": 1e6, "millionen": 1e6,
         "mio.": 1e6, "миллион": 1e6, "мільйон": 1e6, "millones": 1e6, "milioni": 1e6, "milhões": 1e6,
         "milionów": 1e6, "milionů": 1e6, "billion": 1e9, "bn": 1e9, "milliarde": 1e9, "mrd.": 1e9,
         "milliard": 1e9, "миллиард": 1e9, "мільярд": 1e9, "miliardi": 1e9, "miliardów": 1e9,
         "trillion": 1e12}
_PERCENT = ("%", "percent", "per cent", "prozent", "pour cent", "por ciento", "per cento")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "")


@lru_cache(maxsize=16)
def _stem_fn(name: str | None):
    """A memoised stemmer: pure-Python Snowball is slow, and news vocabulary repeats a lot."""
    if not name:
        return None
    return lru_cache(maxsize=200_000)(snowballstemmer.stemmer(name).stemWord)


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalize(text))


def content_terms(text: str, lang: str | None = None) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words and 1-letter words dropped)."""
    return terms_of(words(text), lang)


def terms_of(word_list: list[str], lang: str | None = None) -> list[str]:
    """``content_terms`` of text already split by ``words`` (signatures split a body once)."""
    # Word -> term (None: dropped) per stemmer: news vocabulary repeats, so almost every word
    # is one dict look-up instead of casefold, stop list and stemmer calls.
    name = _STEMMERS.get((lang or "en")[:2])
    memo = _TERMS.get(name)
    if memo is None or len(memo) > 500_000:
        memo = _TERMS[name] = {}
    out = []
    for w in word_list:
        t = memo.get(w, _MISSING)
        if t is _MISSING:
            t = memo[w] = _term(w, name)
        if t is not None:
            out.append(t)
    return out


_TERMS: dict[str | None, dict[str, str | None]] = {}
_MISSING = object()


def _term(w: str, stemmer: str | None) -> str | None:
    t = w.casefold().replace("’", "'")
    if t.endswith("'s"):
        t = t[:-2]
    elif stemmer in _ELIDING and 0 < t.find("'") <= 3:
        t = t[t.find("'") + 1:]           # l'échange, d'une, qu'il, dell'accordo: the word itself
    if len(t) <= 1 or t in STOPWORDS or t in _OWN_STOP.get(stemmer, ()):
        return None
    stem = _stem_fn(stemmer)
    return stem(t) if stem else t


def stem(word: str, lang: str | None = None) -> str:
    fn = _stem_fn(_STEMMERS.get((lang or "en")[:2]))
    return fn(word.casefold()) if fn else word.casefold()


def sentences(text: str) -> list[str]:
    """Sentences in reading order; paragraph breaks always end a sentence."""
    out = []
    for part in _SENT_END.split(normalize(text)):
        part = part.strip()
        if part:
            out.append(part)
    return out


_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                 "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


@lru_cache(maxsize=200_000)
def translit(word: str) -> str:
    """Cyrillic to a rough Latin spelling, so "Путин" and "Putin" meet (cross-language names)."""
    return "".join(_CYR.get(c, c) for c in word.casefold())


def name_tokens(text: str, limit: int = 60) -> set[str]:
    """Capitalised words that do not start a sentence: a cheap, language-free proxy for names.
    The ``limit`` most frequent are kept (a long text names hundreds; the main actors recur)."""
    counts: dict[str, int] = {}
    for sent in sentences(text):
        toks = WORD_RE.findall(sent)      # sentences() has normalised the text already
        for w in toks[1:]:
            if len(w) > 2 and w[0].isupper() and not w.isupper() and w.casefold() not in STOPWORDS:
                key = translit(w.replace("’", "'").split("'")[0])
                counts[key] = counts.get(key, 0) + 1
    return set(sorted(counts, key=lambda k: (-counts[k], k))[:limit])


@dataclass(frozen=True)
class Number:
    value: float
    text: str          # as written, e.g. "112" or "1.5 million"
    unit: str          # the noun that follows ("drones"), "%" or ""
    start: int

    @property
    def key(self) -> str:
        v = self.value
        return str(int(v)) if v == int(v) else f"{v:g}"


def numbers(text: str, lang: str | None = None) -> list[Number]:
    """Numbers with the unit noun after them: "112 drones", "30-day", "2.5 million people", "7%",
    read in the convention of the text's language ("2.400 Drohnen", "300 000 soldats")."""
    text = normalize(text)
    grouping = _GROUPING.get((lang or "en")[:2], ",")
    sep = "" if grouping == "," else grouping
    out = []
    for m in _NUM_RES[grouping].finditer(text):
        whole, frac, mult = m.group(1), m.group(2), (m.group(3) or "").strip()
        digits = re.sub(r"[,\s.]", "", whole) if (sep or "," in whole) else whole
        value = float(digits + ("." + frac if frac else ""))
        unit = ""
        low = mult.casefold()
        if low in _PERCENT or low.startswith(("процент", "відсот")):
            unit = "%"
        elif low:
            value *= next((f for k, f in _MULT.items() if low.startswith(k)), 1)
        if not unit:
            rest = text[m.end():m.end() + 40]
            nxt = re.match(r"[\s-]*(?:(?:of|more|fewer|people's|new|additional)\s+)?([^\W\d_]{3,})", rest)
            if nxt and nxt.group(1).casefold() not in _UNIT_STOP:
                unit = nxt.group(1).casefold()
        written = m.group(0).strip()
        out.append(Number(value, written, unit, m.start()))
    return out


def quotes(text: str, min_words: int = 4) -> list[str]:
    """Quoted passages of at least ``min_words`` words, as written."""
    out = []
    for m in _QUOTE_RE.finditer(normalize(text)):
        q = m.group(1).strip(" ,.")
        if len(words(q)) >= min_words:
            out.append(q)
    return out


def quote_key(q: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words(q))


def same_quote(a: str, b: str) -> bool:
    """Two renderings of one quote: one contains the other, or most words are shared."""
    ka, kb = quote_key(a), quote_key(b)
    sa, sb = " ".join(ka), " ".join(kb)
    if sa in sb or sb in sa:
        return True
    wa, wb = set(ka), set(kb)
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= 0.75 and min(len(wa), len(wb)) >= 4
