"""The analyst's entity corrections: <library>/entities.json, applied after automatic tagging.

Format (every key optional; unknown keys are kept untouched):

    {
      "merge":          {"Zelenskyy": "Volodymyr Zelensky"},   # person name -> canonical name
      "drop_persons":   ["Oval Office"],                       # never a person
      "places":         {"Mariupol": "UA"},                    # place name -> ISO 3166-1 alpha-2
      "drop_countries": ["TR"]                                 # never tag these countries
    }

Names compare case-insensitively. A merge target may itself be merged further (chains resolve,
cycles stop). "places" are looked up in the article text (whole words), so a mapping works on new
imports and, through `mediawatch retag`, on articles already in the library. Writes go to a temporary
file and are renamed into place, so a crash never leaves half a file.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LibraryError
from ..model import Article

FILENAME = "entities.json"
_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass
class Corrections:
    merge: dict[str, str] = field(default_factory=dict)
    drop_persons: list[str] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)
    drop_countries: list[str] = field(default_factory=list)
    path: Path | None = None
    extra: dict = field(default_factory=dict)        # keys we do not know, written back as they were

    # ------------------------------------------------------------ file
    @classmethod
    def load(cls, library_path: Path | str) -> "Corrections":
        path = Path(library_path) / FILENAME
        if not path.exists():
            return cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LibraryError(f"The entity corrections file {path} cannot be read: {exc}") from exc
        if not isinstance(data, dict):
            raise LibraryError(f"The entity corrections file {path} must hold a JSON object.")
        known = {"merge", "drop_persons", "places", "drop_countries"}
        c = cls(path=path, extra={k: v for k, v in data.items() if k not in known})
        for src, dst in (data.get("merge") or {}).items():
            c.add_merge(src, dst)
        for name in data.get("drop_persons") or []:
            c.add_drop_person(name)
        for place, code in (data.get("places") or {}).items():
            c.add_place(place, code)
        for code in data.get("drop_countries") or []:
            c.add_drop_country(code)
        return c

    def to_json(self) -> dict:
        return {**self.extra, "merge": dict(sorted(self.merge.items())), "drop_persons": sorted(self.drop_persons),
                "places": dict(sorted(self.places.items())), "drop_countries": sorted(self.drop_countries)}

    def save(self, library_path: Path | str | None = None) -> Path:
        path = Path(library_path) / FILENAME if library_path is not None else self.path
        if path is None:
            raise LibraryError("No library folder given for the entity corrections file.")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".entities-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self.to_json(), f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
        self.path = path
        self._compiled = None
        return path

    # ------------------------------------------------------------ edits
    def add_merge(self, name: str, into: str) -> None:
        name, into = name.strip(), into.strip()
        if not name or not into:
            raise ValueError("A merge needs a name and the name to merge it into.")
        if name.casefold() == into.casefold():
            return
        self.merge[name] = into
        self._compiled = None

    def add_drop_person(self, name: str) -> None:
        name = name.strip()
        if name and name.casefold() not in {n.casefold() for n in self.drop_persons}:
            self.drop_persons.append(name)

    def add_place(self, place: str, code: str) -> None:
        place, code = place.strip(), code.strip().upper()
        if not place:
            raise ValueError("A place mapping needs a place name.")
        if not _CODE.match(code):
            raise ValueError(f"{code!r} is not a two-letter country code (ISO 3166-1 alpha-2, e.g. UA).")
        self.places[place] = code
        self._compiled = None

    def add_drop_country(self, code: str) -> None:
        code = code.strip().upper()
        if not _CODE.match(code):
            raise ValueError(f"{code!r} is not a two-letter country code (ISO 3166-1 alpha-2, e.g. UA).")
        if code not in self.drop_countries:
            self.drop_countries.append(code)

    def remove(self, kind: str, key: str) -> bool:
        """Undo one correction: kind is merge, drop_persons, places or drop_countries."""
        target = getattr(self, kind)
        self._compiled = None
        if isinstance(target, dict):
            hit = next((k for k in target if k.casefold() == key.casefold()), None)
            if hit is not None:
                del target[hit]
                return True
            return False
        hit = next((k for k in target if k.casefold() == key.casefold()), None)
        if hit is not None:
            target.remove(hit)
            return True
        return False

    def is_empty(self) -> bool:
        return not (self.merge or self.drop_persons or self.places or self.drop_countries)

    # ------------------------------------------------------------ apply
    _compiled: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def _compile(self) -> tuple:
        if self._compiled is None:
            merge = {k.casefold(): v for k, v in self.merge.items()}
            pattern = None
            if self.places:
                names = sorted(self.places, key=len, reverse=True)
                pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                                     re.IGNORECASE)
            self._compiled = (merge, {p.casefold(): c for p, c in self.places.items()}, pattern)
        return self._compiled

    def canonical(self, name: str) -> str:
        merge = self._compile()[0]
        seen = set()
        while name.casefold() in merge and name.casefold() not in seen:
            seen.add(name.casefold())
            name = merge[name.casefold()]
        return name

    def apply(self, article: Article) -> Article:
        """Rewrite article.persons / article.countries in place (and return the article)."""
        if self.is_empty():
            return article
        merge, places, pattern = self._compile()
        dropped = {n.casefold() for n in self.drop_persons}
        persons: dict[str, str] = {}
        for name in article.persons:
            name = self.canonical(name)
            if name.casefold() not in dropped:
                persons.setdefault(name.casefold(), name)
        article.persons = sorted(persons.values())
        codes = set(article.countries)
        if pattern is not None:
            text = f"{article.title}\n{article.body}"
            codes |= {places[m.group().casefold()] for m in pattern.finditer(text)}
        dropped_codes = set(self.drop_countries)
        added = codes - set(article.countries)
        codes -= dropped_codes
        article.countries = sorted(codes)
        if article.country_focus is not None:
            # a place the analyst maps is one the article is about; a dropped country is no weight
            article.country_focus = sorted((set(article.country_focus) | added) - dropped_codes)
        article.country_weights = {c: w for c, w in article.country_weights.items() if c not in dropped_codes}
        return article
