"""Stories: the same event across outlets (grouping), syndicated copies (lineage) and
side-by-side comparison data (compare). Pure Python over plain dataclasses and SQLite; the
compare view and the HTML briefing only render what this package computes."""
