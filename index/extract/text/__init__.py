"""The article's text: the body without the page around it (clean.py, with the boilerplate phrases
of boilerplate.py and newsletter footers of footers.py), the credits and bylines found on the way
(credits.py), the outlet (outlets.py) and per-outlet repeated lines (learned_lines.py)."""
