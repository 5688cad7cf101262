"""Build resources/data/world_names.txt: given names and surnames of many countries, for the person
tagger's name-list features (index/extract/persons/world_names.py).

    .venv/bin/python tools/build_world_names.py      # needs the Faker package (pinned in pyproject's "tools" extra)

The names come from the person providers of Faker (MIT licence; its lists are compiled from public
name statistics per locale), every locale it ships, not a chosen few: the news names people from
everywhere. Only words in Latin or Cyrillic script are kept (the tagger reads those two), each word
of a multi-word name on its own. Faker is needed only here, never at run time: the app reads the
written file. The same Faker version gives the same file.
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "data" / "world_names.txt"
SCRIPT = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff'’-]+$")
GIVEN_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
SURNAME_ATTRS = ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary")


def _names(provider, attrs) -> set[str]:
    out: set[str] = set()
    for attr in attrs:
        try:
            value = getattr(provider, attr)
        except Exception:      # a provider may compute a list from others, or lack it
            continue
        try:
            items = value.keys() if isinstance(value, dict) else value
            out.update(str(x) for x in items)
        except TypeError:
            continue
    return out


def collect() -> tuple[set[str], set[str], str]:
    import faker
    from faker import Generator
    from faker.providers import person
    base = Path(person.__file__).parent
    given: set[str] = set()
    surnames: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")           # deprecated locales still carry their lists
        for loc in sorted(d for d in os.listdir(base) if (base / d).is_dir() and not d.startswith("_")):
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider(Generator())
            for names, dst in ((_names(provider, GIVEN_ATTRS), given), (_names(provider, SURNAME_ATTRS), surnames)):
                for n in names:
                    dst.update(w for w in n.split() if len(w) >= 2 and SCRIPT.match(w))
    return given, surnames, faker.VERSION


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    given, surnames, version = collect()
    lines = [f"# Given names and surnames of many countries, from the person providers of Faker {version}",
             "# (MIT licence), every locale, Latin and Cyrillic script only. Written by tools/build_world_names.py;",
             "# read by index/extract/persons/world_names.py. Sections: [given], [surname]; one word a line.",
             "[given]", *sorted(given), "[surname]", *sorted(surnames)]
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(given)} given names, {len(surnames)} surnames")
    return 0


if __name__ == "__main__":
    sys.exit(main())
