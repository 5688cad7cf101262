"""Countries: which countries an article mentions (mentions.py), looked up in the place gazetteer
(gazetteer.py, built from resources/data/gazetteer.json; gazetteer_build.py and the hand-written
gazetteer_entries.py rebuild that file)."""
