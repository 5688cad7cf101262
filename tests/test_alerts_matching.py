"""Store.match_ids (the alerts' batch check) agrees with a full search, across segments."""
from __future__ import annotations

import datetime as dt
import hashlib
import random

from index.model import Article, SearchRequest
from index.store import Store

WORDS = "ceasefire drone talks harbour grain summit border pipeline navy budget".split()
PERSONS = ["Vladimir Putin", "Donald Trump", "Olaf Scholz"]


def art(rng: random.Random, n: int) -> Article:
    words = rng.sample(WORDS, 3) + [rng.choice(["the", "a"]) for _ in range(3)]
    rng.shuffle(words)
    sha = hashlib.sha256(str(n).encode()).hexdigest()
    return Article(id=f"a{n}", title=f"report {n} {words[0]}", body=" ".join(words) + f" in town {n}.",
                   path=f"{n}.txt", sha256=sha, outlet=rng.choice(["BBC", "TASS"]),
                   language=rng.choice(["en", "de"]), persons=rng.sample(PERSONS, rng.randint(0, 2)),
                   countries=[rng.choice(["RU", "UA", "DE"])],
                   published=None if n % 7 == 0 else dt.date(2025, 1, 1) + dt.timedelta(days=n))


def test_match_ids_equals_search_on_the_batch(tmp_path):
    rng = random.Random(5)
    store = Store.open(tmp_path / "index", create=True)
    try:
        store.add([art(rng, n) for n in range(60)])
        store.add([art(rng, n) for n in range(60, 120)])
        batch = [art(rng, n) for n in range(120, 160)]
        store.add(batch)
        changed = art(rng, 3)                 # a rewritten old article: its old copy is deleted
        changed.body = "ceasefire and navy talks in town 3."
        store.replace([changed])
        # the batch plus some older articles (other segments) and an unknown id
        ids = [a.id for a in batch] + ["a3", "a70", "missing"]
        requests = [SearchRequest(query="ceasefire"), SearchRequest(query='"the drone"'),
                    SearchRequest(query="talks NOT harbour", filters={"language": ["en"]}),
                    SearchRequest(query="", filters={"person": ["Vladimir Putin"]},
                                  excludes={"country": ["RU"]}),
                    SearchRequest(query="navy OR grain", date_from=dt.date(2025, 3, 1)),
                    SearchRequest(no_date=True), SearchRequest(query="title:report")]
        nonempty = 0
        for req in requests:
            full = store.search(SearchRequest.from_json({**req.to_json(), "limit": 1000,
                                                         "facets": False, "snippets": False}))
            expected = {h.id for h in full.hits} & set(ids)
            assert store.match_ids(req, ids) == expected, req
            nonempty += bool(expected)
        assert nonempty >= 5          # the requests really select something
    finally:
        store.close()
