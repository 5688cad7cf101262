"""How much an article is about each country it names: a small logistic model over features.py.

The coefficients ship in resources/data/country_weights.json, written by
tools/train_country_weights.py (trained on the open part of Reuters-21578 only; see the data
README). A weight at or above ``threshold()`` makes the country one the article is about (the
country facet counts it); below, the mention is passing (still stored and searchable).

Loaded once per process (a few dozen numbers); scoring is one dot product per country.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

from ...resources import data_path
from .features import FEATURES

MODEL_FILE = "country_weights.json"


class CountryModel:
    def __init__(self, data: dict):
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(f"{MODEL_FILE} was trained on other features ({', '.join(names)}); "
                             "retrain it with tools/train_country_weights.py")
        self.coef = [float(c) for c in data["coef"]]
        self.threshold = float(data["threshold"])
        self.about = data.get("about", "")

    def weight(self, vector: list[float]) -> float:
        z = sum(c * x for c, x in zip(self.coef, vector))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@lru_cache(maxsize=1)
def model() -> CountryModel:
    return CountryModel(json.loads(data_path(MODEL_FILE).read_text(encoding="utf-8")))


def weight(vector: list[float]) -> float:
    return model().weight(vector)


def threshold() -> float:
    return model().threshold
