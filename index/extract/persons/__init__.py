"""Persons: which people an article mentions (mentions.py), from name candidates (candidates.py),
the name lexicons (lexicon.py), Slavic case endings (slavic_endings.py) and folded spellings
(translit.py)."""
