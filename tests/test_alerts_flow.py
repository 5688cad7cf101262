"""Watch alerts end to end: real files, a real library, the library's after-commit step."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path


from index.alerts import inbox, saved
from index.alerts.watch import check_new_articles
from index.cli import main
from index.extract.retag import retag
from index.library import open_library
from index.model import SearchRequest

TOPICS = {
    "putin": "President Vladimir Putin spoke about a ceasefire with Ukraine in Moscow on Tuesday, "
             "officials said. The Kremlin described the talks as useful but gave few details.",
    "harbour": "The harbour authority counted more ships arriving this week, dockers said on a "
               "windy afternoon. Officials expect traffic to grow as the season goes on.",
}


EXTRA = ["Grain exports through the Black Sea ports fell sharply in the spring.",
         "A new railway line to the north is expected to open next year.",
         "Doctors at the city hospital reported a rise in winter influenza cases.",
         "The central bank kept its key rate unchanged for a third month.",
         "Farmers protested against cheap imports outside the parliament building."]


def distinct(folder: Path, name: str, n: int) -> Path:
    """A Putin article that shares little text with the others (not a wire copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.txt"
    p.write_text(f"Putin item {n}\n\nVladimir Putin was mentioned once in this story. "
                 + " ".join(EXTRA[(n + k) % len(EXTRA)] + f" Detail {n}-{k}." for k in range(n + 1))
                 + "\n", encoding="utf-8")
    return p


def write(folder: Path, name: str, topic: str, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.txt"
    p.write_text(f"{topic.title()} report {n}: {name}\n\n{TOPICS[topic]} Report number {n} "
                 f"from desk {name} added its own closing line number {n * 13}.\n", encoding="utf-8")
    return p


def test_hook_is_registered(lib):
    assert check_new_articles in lib.after_commit
    assert check_new_articles not in lib.after_retag


def test_alert_exactly_once_across_reimport_restart_and_retag(tmp_path, lib):
    before = write(tmp_path / "old", "before", "putin", 1)
    assert lib.import_all([before]).imported == 1
    saved.add(lib.state, "Putin", SearchRequest(query="Putin"), watched=True)
    new = [write(tmp_path / "new", "after", "putin", 2), write(tmp_path / "new", "port", "harbour", 3)]
    report = lib.import_all(new)
    assert report.imported == 2
    alerts = inbox.list_alerts(lib.state)
    # the article already in the library before the search was saved never alerts
    assert [a.title for a in alerts] == ["Putin report 2: after"]
    assert alerts[0].search == "Putin" and not alerts[0].read
    assert lib.import_all([tmp_path / "new", tmp_path / "old"]).imported == 0    # re-import
    # the hook run again on the same articles (a retried batch) changes nothing
    arts = lib.store.get_many(report.ids)
    assert check_new_articles(lib, arts) == []
    lib.close()
    again = open_library(tmp_path / "lib")                                        # restart
    try:
        assert again.import_all([tmp_path / "new"]).imported == 0
        # retag with a correction that changes the articles' countries: they are rewritten
        (tmp_path / "lib" / "entities.json").write_text('{"drop_countries": ["RU", "UA"]}')
        with again.writing():
            gen, progress = retag(again), None
            for progress in gen:
                pass
        assert progress.changed >= 1
        assert [a.article_id for a in inbox.list_alerts(again.state)] == [alerts[0].article_id]
        assert inbox.unread_count(again.state) == 1
    finally:
        again.close()


def test_muted_search_stays_silent_and_snooze_hides_until_it_ends(tmp_path, lib):
    saved.add(lib.state, "Muted", SearchRequest(query="ceasefire"), watched=True)
    saved.update(lib.state, "Muted", muted=True)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    saved.add(lib.state, "Snoozed", SearchRequest(query="Kremlin"), watched=True)
    saved.update(lib.state, "Snoozed", snoozed_until=later)
    lib.import_all([write(tmp_path / "in", "a", "putin", 1)])
    assert inbox.list_alerts(lib.state) == [] and inbox.unread_count(lib.state) == 0
    # nothing was recorded for the muted search, so unmuting does not replay the silent period
    saved.update(lib.state, "Muted", muted=False)
    assert inbox.list_alerts(lib.state) == []
    # the snoozed search's alert waits for the end of the snooze
    after = later + dt.timedelta(minutes=1)
    assert [a.search for a in inbox.list_alerts(lib.state, now=after)] == ["Snoozed"]
    assert inbox.unread_count(lib.state, now=after) == 1
    # the muted search still counts its new articles for the sidebar
    counts = {s.name: s.new for s in saved.list_saved(lib.state)}
    assert counts == {"Muted": 1, "Snoozed": 1}


def test_new_since_last_looked_and_unwatched_searches(tmp_path, lib):
    saved.add(lib.state, "Harbour", SearchRequest(query="harbour"))          # not watched
    lib.import_all([write(tmp_path / "in", "h1", "harbour", 1), write(tmp_path / "in", "p1", "putin", 2)])
    assert [(s.name, s.new) for s in saved.list_saved(lib.state)] == [("Harbour", 1)]
    assert inbox.list_alerts(lib.state) == []
    saved.mark_seen(lib.state, "Harbour")
    assert saved.list_saved(lib.state)[0].new == 0
    lib.import_all([write(tmp_path / "in2", "h2", "harbour", 3)])
    assert saved.list_saved(lib.state)[0].new == 1


def test_filters_and_read_state(tmp_path, lib):
    saved.add(lib.state, "Putin (en)", SearchRequest(query="Putin", filters={"language": ["en"]}), watched=True)
    saved.add(lib.state, "Putin (de)", SearchRequest(query="Putin", filters={"language": ["de"]}), watched=True)
    lib.import_all([distinct(tmp_path / "in", f"p{i}", i) for i in range(3)])
    alerts = inbox.list_alerts(lib.state)
    assert [a.copies for a in alerts] == [0, 0, 0]
    assert len(alerts) == 3 and {a.search for a in alerts} == {"Putin (en)"}
    assert inbox.mark_read(lib.state, alerts[0].id)
    assert inbox.unread_count(lib.state) == 2
    assert [a.id for a in inbox.list_alerts(lib.state, unread=True)] == [a.id for a in alerts[1:]]
    assert inbox.mark_all_read(lib.state) == 2
    assert inbox.unread_count(lib.state) == 0
    title, message = inbox.summarize(alerts)
    assert title == "3 new alerts" and "Putin (en): 3" in message


def test_wire_copies_fold_into_one_alert(tmp_path, lib):
    saved.add(lib.state, "Putin", SearchRequest(query="Putin"), watched=True)
    lib.import_all([write(tmp_path / "a", "wire", "putin", 1)])
    # two republications of the same wire text, in a later import
    lib.import_all([write(tmp_path / "b", "copy1", "putin", 1), write(tmp_path / "b", "copy2", "putin", 1)])
    (alert,) = inbox.list_alerts(lib.state)
    assert alert.copies == 2 and alert.title == "Putin report 1: wire"
    assert alert.label().startswith("Putin report 1: wire (+2 copies)")
    assert inbox.unread_count(lib.state) == 1
    inbox.mark_read(lib.state, alert.id)               # reading the alert reads its copies
    assert inbox.unread_count(lib.state) == 0
    assert lib.state.execute("SELECT COUNT(*) FROM alerts WHERE read = 0").fetchone()[0] == 0


def test_cli_saved_and_alerts(tmp_path, capsys):
    libdir = tmp_path / "lib"

    def run(*args):
        code = main(["--library", str(libdir), *map(str, args)])
        return code, capsys.readouterr()

    assert run("saved", "add", "Putin", "Putin", "--lang", "en", "--exclude", "country=CN", "--watch")[0] == 0
    code, out = run("saved", "add", "Putin", "x")
    assert code == 3 and "already" in out.err
    write(tmp_path / "in", "p", "putin", 1)
    with open_library(libdir) as lib:
        lib.import_all([tmp_path / "in"])
    code, out = run("saved", "list", "--json")
    rows = json.loads(out.out)
    assert rows[0]["name"] == "Putin" and rows[0]["total"] == 1 and rows[0]["new"] == 1
    assert rows[0]["request"]["filters"] == {"language": ["en"]} and rows[0]["watched"]
    assert rows[0]["request"]["excludes"] == {"country": ["CN"]}
    code, out = run("alerts", "--unread", "--json")
    (alert,) = json.loads(out.out)
    assert {k: alert[k] for k in ("search", "title", "read")} == {
        "search": "Putin", "title": "Putin report 1: p", "read": False}
    assert set(alert) >= {"id", "article_id", "outlet", "published", "created"}
    assert run("alerts", "read", alert["id"])[0] == 0
    assert json.loads(run("alerts", "--unread", "--json")[1].out) == []
    assert run("alerts", "read", "--all")[0] == 0
    assert run("alerts", "read", 999)[0] == 3
    assert run("saved", "rm", "Putin")[0] == 0
    assert json.loads(run("saved", "list", "--json")[1].out) == []
    assert json.loads(run("alerts", "--json")[1].out) == []
