"""Text analysis for the Whoosh schema: tokenizers, stop lists, stemmers, facet-value splitting.

Whoosh pickles the schema (and so every analyzer object in it) into the index. These classes
must therefore stay importable at exactly this path (``index.store.analyzers``) forever, and
their pickled state is kept to plain attributes (stemmers are rebuilt lazily after unpickling).
"""
from __future__ import annotations

import re

import snowballstemmer
from whoosh.analysis import (Composable, Filter, LowercaseFilter, RegexTokenizer, StopFilter,
                             Token, Tokenizer)

# Same word pattern as Whoosh's default, so query terms and indexed terms split alike.
WORD_PATTERN = r"\w+(\.?\w+)*"

# Languages with a per-language stemmed field. Ukrainian has no snowball stemmer; it gets the
# light suffix stemmer below.
SNOWBALL = {"en": "english", "ru": "russian", "de": "german", "fr": "french", "es": "spanish"}
STEMMED_LANGUAGES = ("en", "ru", "de", "fr", "es", "uk")

# Our own stop lists: Whoosh's default drops "us", "it", "will", "may", which are real search
# terms in news ("US", "IT"). Only the commonest function words, so phrase-free fields stay small.
STOP_WORDS = {
    "en": "a an and are as at be by for from has have in is of on or that the this to was were with",
    "ru": "а в во да же и из к ли на не но о об от по с со то у что как для до за",
    "uk": "а в i й і з із на не но та що як до за по у це від",
    "de": "der die das den dem des ein eine einer und oder zu im in ist mit von auf für",
    "fr": "le la les un une des de du et ou à au aux en est dans pour par sur",
    "es": "el la los las un una unos unas de del y o a al en es por para con que",
}

VALUE_SEPARATOR = "\x1f"     # joins the values of a multi-valued facet field


class SnowballFilter(Filter):
    """Stems tokens with snowballstemmer (pure Python) for one language, with a small cache."""

    def __init__(self, lang: str):
        self.lang = lang
        self._stemmer = None
        self._cache: dict[str, str] = {}

    def __getstate__(self):
        return {"lang": self.lang}

    def __setstate__(self, state):
        self.lang = state["lang"]
        self._stemmer = None
        self._cache = {}

    def __eq__(self, other):
        return type(self) is type(other) and self.lang == other.lang

    def stem(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if self._stemmer is None:
            self._stemmer = snowballstemmer.stemmer(SNOWBALL[self.lang])
        stemmed = self._stemmer.stemWord(word)
        if len(self._cache) > 50000:
            self._cache.clear()
        self._cache[word] = stemmed
        return stemmed

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = self.stem(t.text)
            yield t


# Ukrainian: a light inflection stripper (longest matching suffix, keeping a stem of >= 3
# letters). Not linguistically complete, but it conflates the common case forms of nouns and
# adjectives ("переговори", "переговорах", "переговорів" -> "переговор").
_UK_SUFFIXES = sorted("""
ами ями ах ях ов ів ей ий ій ого ому ему ими іми их іх ою ею ої ій ім ом ем ам ям ові еві
ові ою ую юю ая яя ое ее ія ія ує ють ать ять ити ати яти ті ть ла ло ли ли ся сь
а я о е и і ї у ю є
""".split(), key=len, reverse=True)


class UkrainianStemFilter(Filter):
    def __eq__(self, other):
        return type(self) is type(other)

    @staticmethod
    def stem(word: str) -> str:
        if not re.search("[а-яіїєґ]", word):
            return word
        for suffix in _UK_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = self.stem(t.text)
            yield t


class ValueTokenizer(Tokenizer):
    """Splits a facet field on VALUE_SEPARATOR. With ``words=True`` (person names) indexing also
    emits each word of a value, so ``person:putin`` finds "Vladimir Putin"; queries always
    use the whole value."""

    def __init__(self, words: bool = False):
        self.words = words

    def __eq__(self, other):
        return type(self) is type(other) and self.words == other.words

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        seen = set()
        parts = [p.strip() for p in value.split(VALUE_SEPARATOR)]
        for part in parts:
            texts = [part]
            if self.words and mode != "query":
                texts += re.findall(r"\w+", part)
            for text in texts:
                if not text or text in seen:
                    continue
                seen.add(text)
                t.text = text
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = text
                if positions:
                    t.pos = pos
                    pos += 1
                if chars:
                    t.startchar, t.endchar = 0, len(text)
                yield t


class CountryCodeFilter(Filter):
    """Maps country names and codes to lower-case ISO alpha-2 codes ("Russia" -> "ru")."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        from index.vocab.countries import country_code
        for t in tokens:
            code = country_code(t.text)
            if code:
                t.text = code.lower()
            yield t


class BigramFilter(Filter):
    """Each pair of adjacent words as one term "w1 w2": an exact two-word phrase becomes a single
    posting-list lookup, and longer phrases an AND of pairs (see index/store/search/phrases.py)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        prev = None
        for t in tokens:
            text = t.text
            if prev is not None:
                t.text = f"{prev} {text}"
                yield t
            prev = text


def pairs_analyzer() -> Composable:
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | BigramFilter()


def stemming_analyzer(lang: str) -> Composable:
    chain = (RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
             | StopFilter(stoplist=frozenset(STOP_WORDS[lang].split()), minsize=1))
    if lang == "uk":
        return chain | UkrainianStemFilter()
    return chain | SnowballFilter(lang)


def exact_analyzer() -> Composable:
    """Lower-case words, no stop words, no stemming: quoted text matches exactly."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()


def value_analyzer(words: bool = False, lowercase: bool = True, country: bool = False) -> Composable:
    chain = ValueTokenizer(words=words)
    if lowercase:
        chain = chain | LowercaseFilter()
    if country:
        chain = chain | CountryCodeFilter()
    return chain
