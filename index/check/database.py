"""The SQLite side of ``check``: ``PRAGMA integrity_check`` and foreign keys, then the state's
agreement with the index: stories hold exactly the indexed articles, links and postings point at
grouped articles, finished import runs name articles that are in the index."""
from __future__ import annotations

import json
import sqlite3

from .report import ERROR, INFO, WARNING, CheckReport
from .segments import IndexContents

SAMPLE = 5      # ids quoted in a message


def check_integrity(conn: sqlite3.Connection, report: CheckReport) -> bool:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as e:
        report.add(ERROR, "database", f"the library database cannot be read ({e})")
        return False
    if rows != ["ok"]:
        report.add(ERROR, "database", "the library database is damaged: " + "; ".join(rows[:SAMPLE]))
        return False
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        report.add(ERROR, "database", f"{len(bad)} row(s) point at rows that do not exist "
                   f"(first in table {bad[0][0]})")
    return True


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def check_stories(conn, contents: IndexContents, report: CheckReport) -> None:
    if "story_articles" not in _tables(conn):
        if contents.live:
            report.add(WARNING, "stories", f"none of the {len(contents.live)} articles is grouped "
                       "in stories yet", repairable=True)
        return
    grouped = {r[0] for r in conn.execute("SELECT article_id FROM story_articles")}
    indexed = set(contents.live)
    ungrouped = indexed - grouped
    if ungrouped:
        report.add(WARNING, "stories", f"{len(ungrouped)} article(s) are in no story "
                   f"(an import stopped between its commit and the grouping): {_ids(ungrouped)}",
                   repairable=True)
    if contents.readable:     # an unreadable segment's articles are not known to be gone
        gone = grouped - indexed
        if gone:
            report.add(WARNING, "stories", f"{len(gone)} story member(s) are not in the index: "
                       f"{_ids(gone)}", repairable=True)
    dangling = conn.execute(
        "SELECT COUNT(*) FROM story_links l WHERE NOT EXISTS (SELECT 1 FROM story_articles s "
        "WHERE s.article_id = l.a) OR NOT EXISTS (SELECT 1 FROM story_articles s "
        "WHERE s.article_id = l.b)").fetchone()[0]
    if dangling:
        report.add(WARNING, "stories", f"{dangling} story link(s) name articles in no story",
                   repairable=True)
    orphans = conn.execute(
        "SELECT COUNT(*) FROM story_articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM stories s WHERE s.id = a.story_id)").fetchone()[0]
    if orphans:
        report.add(WARNING, "stories", f"{orphans} article(s) belong to a story that does not "
                   "exist", repairable=True)
    row = conn.execute("SELECT value FROM story_meta WHERE key='docs'").fetchone()
    if row is not None and row[0] < len(grouped):
        report.add(WARNING, "stories", f"the word statistics count {row[0]} articles, the stories "
                   f"hold {len(grouped)}", repairable=True)


def check_runs(conn, contents: IndexContents, report: CheckReport) -> None:
    """Import runs: an unfinished one (its process died) is worth a line; a finished one that
    names articles missing from the index means committed work was lost."""
    unfinished = conn.execute("SELECT COUNT(*) FROM import_runs WHERE finished IS NULL").fetchone()[0]
    if unfinished:
        report.add(INFO, "runs", f"{unfinished} import run(s) never finished (the program was "
                   "stopped); what they committed is in the index, re-importing adds the rest")
    if not contents.readable:
        return
    missing: set[str] = set()
    for (ids,) in conn.execute("SELECT ids FROM import_runs WHERE finished IS NOT NULL "
                               "AND cancelled = 0"):
        try:
            missing.update(i for i in json.loads(ids) if i not in contents.live)
        except (ValueError, TypeError):
            report.add(WARNING, "runs", "an import run's list of articles is unreadable")
    if missing:
        report.add(WARNING, "runs", f"{len(missing)} article(s) listed by finished import runs "
                   f"are not in the index (a commit failed, or the index lost them): "
                   f"{_ids(missing)}; re-import their files")


def _ids(ids) -> str:
    ids = sorted(ids)
    more = f" and {len(ids) - SAMPLE} more" if len(ids) > SAMPLE else ""
    return ", ".join(ids[:SAMPLE]) + more
