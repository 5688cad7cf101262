"""Persons: which people an article mentions (mentions.py). A statistical tagger finds the names
(tagger.py over features.py; weights in resources/data/persons_tagger.npz, trained by
tools/train_persons.py); the lexicon reads them (candidates.py, lexicon.py) and the names of one
article are resolved together (resolve.py, with Slavic case endings in slavic_endings.py and folded
spellings in translit.py)."""
