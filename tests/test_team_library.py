"""The team library end to end on a real PostgreSQL (the session's throwaway server): every CLI
command through ``--library postgresql://...``, the same results as a local library of the
same files, concurrent imports without duplicates, a read-only role, the schema's migrations,
passwords kept out of names and messages."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from index import samples
from index.cli import main
from index.errors import LibraryError
from index.library import open_library
from index.model import Article, SearchRequest
from pg_support import db_name, new_library_url

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def team_url(pg_cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_TEAM_DIR", str(tmp_path / "team"))
    url = new_library_url(pg_cluster)
    yield url
    pg_cluster.drop_database(db_name(url))


def _sample_import(location: str):
    lib = open_library(location)
    samples.prepare(lib)
    report = lib.import_all(samples.paths(), workers=0)
    return lib, report


def test_every_command_works_on_a_team_library(team_url, capsys):
    code, out, err = run(capsys, "import", "--samples", "--library", team_url, "--json")
    assert code == 0, err
    imported = json.loads(out)["imported"]
    assert imported >= 30
    code, out, _ = run(capsys, "search", "putin", "--library", team_url, "--json")
    result = json.loads(out)
    assert code == 0 and result["total"] > 0 and "[[" in result["hits"][0]["snippet"]
    first = result["hits"][0]["id"]
    assert run(capsys, "show", first, "--library", team_url)[0] == 0
    code, out, _ = run(capsys, "log", "--library", team_url, "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "stories", "--library", team_url, "--json")
    stories = json.loads(out)
    assert code == 0 and stories
    code, out, _ = run(capsys, "similar", first, "--library", team_url, "--json")
    assert code == 0
    similar = json.loads(out)
    if similar:
        assert run(capsys, "compare", first, similar[0]["id"], "--library", team_url)[0] == 0
    code, out, _ = run(capsys, "saved", "--library", team_url, "--json")
    assert code == 0 and json.loads(out)                         # the samples' saved searches
    assert run(capsys, "saved", "add", "Grain", "grain OR sanctions", "--watch",
               "--library", team_url)[0] == 0
    code, out, _ = run(capsys, "alerts", "--library", team_url, "--json")
    assert code == 0 and json.loads(out)                         # raised by the sample import
    code, _, err = run(capsys, "retag", "--quiet", "--library", team_url)
    assert code == 0, err
    code, out, _ = run(capsys, "search", "--library", team_url, "--json")
    assert json.loads(out)["total"] == imported                  # retag lost nothing


def test_a_team_library_answers_as_a_local_one(team_url, tmp_path):
    local, local_report = _sample_import(str(tmp_path / "local"))
    team, team_report = _sample_import(team_url)
    try:
        assert team_report.imported == local_report.imported
        assert sorted(team_report.ids) == sorted(local_report.ids)
        for req in (SearchRequest(), SearchRequest(query="prisoners OR swap"),
                    SearchRequest(query='"prisoner exchange"'),
                    SearchRequest(filters={"country": ["UA"]}, excludes={"language": ["en"]})):
            a, b = local.search(req), team.search(req)
            assert a.total == b.total, req
            for facet in ("person", "country", "outlet", "language", "agency", "date"):
                assert a.facets[facet] == b.facets[facet], (req, facet)
            assert a.no_date == b.no_date
        from index.alerts import inbox
        assert inbox.unread_count(local.state) == inbox.unread_count(team.state)
    finally:
        local.close()
        team.close()


def test_concurrent_imports_keep_one_copy(team_url):
    libs = [open_library(team_url) for _ in range(2)]
    reports, errors = [None, None], []

    def work(k):
        try:
            reports[k] = libs[k].import_all(samples.paths(), workers=0)
        except Exception as e:          # any exception is the failure being tested
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors
        total = libs[0].count()
        assert len(libs[0].store.existing(reports[0].ids + reports[1].ids)) == total
        assert libs[0].search(SearchRequest()).total == total
        assert total == len(set(reports[0].ids + reports[1].ids))
    finally:
        for lib in libs:
            lib.close()


def test_reopen_migrations_and_missing_library(team_url, pg_cluster):
    from index.store.postgres import migrations
    lib = open_library(team_url)
    lib.close()
    lib = open_library(team_url, create=False)                  # applied once, recorded
    rows = lib.state.execute("SELECT version FROM mw_schema").fetchall()
    assert [r[0] for r in rows] == sorted(migrations.MIGRATIONS)
    lib.close()
    pg_cluster.create_database("mw_nothing_here")
    with pytest.raises(LibraryError, match="no Mediawatch library"):
        open_library(pg_cluster.url("mw_nothing_here"), create=False)
    with pytest.raises(LibraryError, match="cannot connect"):
        open_library(pg_cluster.url("no_such_database"))
    pg_cluster.drop_database("mw_nothing_here")


def test_a_newer_schema_is_refused(team_url):
    lib = open_library(team_url)
    lib.state.execute("INSERT INTO mw_schema (version) VALUES (?)", (999,))
    lib.close()
    with pytest.raises(LibraryError, match="newer Mediawatch"):
        open_library(team_url)


def test_read_only_role_searches_but_cannot_change(team_url, pg_cluster):
    import psycopg
    lib, _ = _sample_import(team_url)
    lib.close()
    db = db_name(team_url)
    with psycopg.connect(team_url, autocommit=True) as c:
        c.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') "
                  "THEN CREATE ROLE reader LOGIN; END IF; END $$")
        c.execute(f'GRANT CONNECT ON DATABASE "{db}" TO reader')
        c.execute("GRANT USAGE ON SCHEMA public TO reader")
        c.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader")
    ro = open_library(pg_cluster.url(db, user="reader"))
    try:
        assert ro.search(SearchRequest(query="putin")).total > 0
        with pytest.raises(LibraryError, match="read-only"):
            ro.store.delete([ro.search(SearchRequest()).hits[0].id])
    finally:
        ro.close()


def test_passwords_stay_out_of_names_and_messages():
    from index.store.postgres.connect import display_url
    url = "postgresql://ann:s3cret@db.example.org:5433/news?sslmode=require&password=s3cret"
    shown = display_url(url)
    assert "s3cret" not in shown and "sslmode=require" in shown and "ann@" in shown
    with pytest.raises(LibraryError) as e:
        open_library("postgresql://ann:s3cret@127.0.0.1:1/news?connect_timeout=2")
    assert "s3cret" not in str(e.value) and "cannot connect" in str(e.value)


def test_killed_importer_leaves_a_usable_team_library(team_url):
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from index.library import open_library\n"
              "from index.model import Article\n"
              f"lib = open_library({team_url!r})\n"
              "for b in range(1000):\n"
              "    lib.store.add([Article(id=f'k{b}-{k}', title='t', body='killed ' * 50, path='p',"
              " sha256=f'{b}-{k}') for k in range(20)])\n"
              "    print(b, flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    for _ in range(3):
        proc.stdout.readline()
    proc.kill()
    proc.wait()
    lib = open_library(team_url)
    try:
        n = lib.count()
        assert n >= 60 and n % 20 == 0
        assert lib.search(SearchRequest(query="killed")).total == n
    finally:
        lib.close()


def test_roles_reader_keeps_saved_searches_but_cannot_import(team_url, pg_cluster, capsys, tmp_path):
    import psycopg
    from index.alerts import saved
    lib, _ = _sample_import(team_url)
    lib.close()
    with psycopg.connect(team_url, autocommit=True) as c:
        c.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ann') "
                  "THEN CREATE ROLE ann LOGIN; END IF; END $$")
    code, out, err = run(capsys, "library", "roles", "--grant", "ann", "reader", "--library", team_url)
    assert code == 0, err
    ann = pg_cluster.url(db_name(team_url), user="ann")
    code, out, _ = run(capsys, "search", "putin", "--library", ann, "--json")
    assert code == 0 and json.loads(out)["total"] > 0
    assert run(capsys, "saved", "add", "Mine", "sanctions", "--watch", "--library", ann)[0] == 0
    code, out, err = run(capsys, "import", str(ROOT / "seeds"), "--library", ann)
    assert code != 0 and "read-only" in err
    code, out, err = run(capsys, "retag", "--quiet", "--library", ann)
    assert code != 0 and "read-only" in err
    lib = open_library(team_url)
    try:
        assert "Mine" in [s.name for s in saved.list_saved(lib.state)]
    finally:
        lib.close()


def test_copy_local_to_team_and_back_is_lossless_and_resumable(team_url, tmp_path, capsys):
    from index.alerts import inbox, saved
    from index.stories import service
    local, _ = _sample_import(str(tmp_path / "local"))
    from index.extract.corrections import Corrections
    corr = Corrections.load(local.path)
    corr.save(local.path)
    local.close()
    code, out, err = run(capsys, "library", "copy", str(tmp_path / "local"), team_url, "--json")
    assert code == 0, err
    first = json.loads(out)
    again = json.loads(run(capsys, "library", "copy", str(tmp_path / "local"), team_url, "--json")[1])
    assert again["articles"] == 0 and again["skipped"] == first["articles"]      # resumable
    code, out, err = run(capsys, "library", "copy", team_url, str(tmp_path / "back"), "--json")
    assert code == 0, err
    a, b = open_library(str(tmp_path / "local")), open_library(str(tmp_path / "back"))
    t = open_library(team_url)
    try:
        arts = {x.id: x for x in a.store.iter_articles()}
        for other in (t, b):
            assert {x.id: x for x in other.store.iter_articles()} == arts
            assert [s.name for s in saved.list_saved(other.state)] == [s.name for s in saved.list_saved(a.state)]
            assert inbox.unread_count(other.state) == inbox.unread_count(a.state)
            assert ([sorted(m.id for m in s.articles) for s in service.stories(other)]
                    == [sorted(m.id for m in s.articles) for s in service.stories(a)])
            assert other.search(SearchRequest(query="prisoners")).total == \
                a.search(SearchRequest(query="prisoners")).total
        t.state.execute("INSERT INTO stories (created) VALUES (?)", ("2026-01-01",))   # ids go on
    finally:
        a.close(); b.close(); t.close()


def test_open_windows_hear_of_new_articles_and_alerts_within_two_seconds(team_url):
    import time
    from index.store.postgres.notify import ALERTS, ARTICLES
    watcher = open_library(team_url)
    importer = open_library(team_url)
    samples.prepare(importer)                          # a watched saved search: alerts follow
    listener = watcher.listener()
    try:
        assert listener.wait(0.2) == set()             # nothing happened yet
        t0 = time.monotonic()
        importer.import_all(samples.paths(), workers=0)
        heard: set[str] = set()
        while time.monotonic() - t0 < 60 and heard != {ARTICLES, ALERTS}:
            heard |= listener.wait(2.0)
        assert heard == {ARTICLES, ALERTS}
        importer.store.add([Article(id="late", title="t", body="late news", path="p", sha256="late")])
        t1 = time.monotonic()
        assert ARTICLES in listener.wait(2.0)
        assert time.monotonic() - t1 < 2.0
    finally:
        listener.close()
        watcher.close()
        importer.close()


def _two_analysts(team_url, pg_cluster, capsys):
    """ann (analyst: imports) and bob (reader) on the library, as database users."""
    import psycopg
    lib = open_library(team_url)
    lib.close()
    with psycopg.connect(team_url, autocommit=True) as c:
        for user in ("ann", "bob"):
            c.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{user}') "
                      f"THEN CREATE ROLE {user} LOGIN; END IF; END $$")
    assert run(capsys, "library", "roles", "--grant", "ann", "analyst", "--grant", "bob", "reader",
               "--library", team_url)[0] == 0
    db = db_name(team_url)
    return pg_cluster.url(db, user="ann"), pg_cluster.url(db, user="bob")


def test_saved_searches_are_per_analyst_and_alerts_reach_each_once(team_url, pg_cluster, capsys):
    from index.alerts import inbox, saved
    ann, bob = _two_analysts(team_url, pg_cluster, capsys)
    for who, query in ((ann, "prisoners"), (bob, "prisoners OR sanctions")):
        assert run(capsys, "saved", "add", "Swap", query, "--watch", "--library", who)[0] == 0
    assert run(capsys, "saved", "add", "Kremlin", "kremlin", "--watch", "--library", bob)[0] == 0
    a, b = open_library(ann), open_library(bob)
    try:
        assert [s.name for s in saved.list_saved(a.state)] == ["Swap"]        # one name each
        assert [s.name for s in saved.list_saved(b.state)] == ["Kremlin", "Swap"]
        a.import_all(samples.paths(), workers=0)                               # ann imports
        mine, theirs = inbox.unread_count(a.state), inbox.unread_count(b.state)
        assert mine > 0 and theirs > mine                                      # bob's search is wider
        assert inbox.unread_count(a.state) == mine                            # once: no second copy
        a.import_all(samples.paths(), workers=0)
        assert (inbox.unread_count(a.state), inbox.unread_count(b.state)) == (mine, theirs)
    finally:
        a.close()
        b.close()


def test_a_saved_search_is_seen_by_others_only_once_shared(team_url, pg_cluster, capsys):
    import psycopg
    from index.alerts import inbox, saved
    ann, bob = _two_analysts(team_url, pg_cluster, capsys)
    assert run(capsys, "saved", "add", "Private", "putin", "--watch", "--library", ann)[0] == 0
    assert run(capsys, "saved", "add", "Kremlin", "kremlin", "--watch", "--library", bob)[0] == 0
    code, out, _ = run(capsys, "saved", "--library", ann, "--json")
    assert [s["name"] for s in json.loads(out)] == ["Private"]                # not bob's
    code, out, _ = run(capsys, "saved", "--library", bob, "--json")
    assert [s["name"] for s in json.loads(out)] == ["Kremlin"]                # not ann's
    # a reader who sets the import's scope by hand still sees only their own
    with psycopg.connect(bob, autocommit=True) as c:
        c.execute("SELECT set_config('mediawatch.scope', 'all', false)")
        assert [r[0] for r in c.execute("SELECT name FROM saved_searches")] == ["Kremlin"]
        assert c.execute("SELECT count(*) FROM alerts").fetchone()[0] == 0
    # the import (ann may import) matches every analyst's watched searches, each their own alerts
    a = open_library(ann)
    try:
        a.import_all(samples.paths(), workers=0)
        ann_alerts = inbox.unread_count(a.state)
    finally:
        a.close()
    b = open_library(bob)
    try:
        bob_alerts = inbox.unread_count(b.state)
    finally:
        b.close()
    assert ann_alerts > 0 and bob_alerts > 0
    code, out, err = run(capsys, "saved", "share", "Kremlin", "--library", bob)
    assert code == 0 and "shared with the team" in out, err
    code, out, _ = run(capsys, "saved", "--library", ann, "--json")
    listed = {s["name"]: s for s in json.loads(out)}
    assert set(listed) == {"Kremlin", "Private"}
    assert listed["Kremlin"]["owner"] == "bob" and listed["Kremlin"]["shared"] and not listed["Kremlin"]["mine"]
    code, out, _ = run(capsys, "saved", "--library", ann)
    assert "Kremlin (shared by bob)" in out
    # ann opens it, but cannot change or delete it, and does not get bob's alerts
    a = open_library(ann)
    try:
        assert saved.get(a.state, "kremlin").request.query == "kremlin"
        assert saved.mark_seen(a.state, "Kremlin").owner == "bob"             # no error, no change
        for change in (lambda: saved.remove(a.state, "Kremlin"),
                       lambda: saved.update(a.state, "Kremlin", muted=True),
                       lambda: saved.share(a.state, "Kremlin", False)):
            with pytest.raises(LibraryError, match="bob's saved search, shared with the team"):
                change()
        assert inbox.unread_count(a.state) == ann_alerts
        # her own search of the same name comes first for her
        saved.add(a.state, "Kremlin", SearchRequest(query="moscow"))
        assert saved.get(a.state, "Kremlin").mine
        assert [(s.name, s.mine) for s in saved.list_saved(a.state)] == [
            ("Kremlin", True), ("Kremlin", False), ("Private", True)]
    finally:
        a.close()
    code, _, err = run(capsys, "saved", "rm", "Private", "--library", bob)
    assert code != 0 and "no saved search" in err.lower()                     # still not bob's
    assert run(capsys, "saved", "unshare", "Kremlin", "--library", bob)[0] == 0
    code, out, _ = run(capsys, "saved", "--library", ann, "--json")
    assert [(s["name"], s["mine"]) for s in json.loads(out)] == [("Kremlin", True), ("Private", True)]


def test_sharing_is_for_team_libraries(tmp_path, capsys):
    lib = open_library(str(tmp_path / "local"))
    lib.close()
    assert run(capsys, "saved", "add", "Mine", "putin", "--library", str(tmp_path / "local"))[0] == 0
    code, _, err = run(capsys, "saved", "share", "Mine", "--library", str(tmp_path / "local"))
    assert code != 0 and "team libraries" in err


def test_sslmode_is_honoured(team_url, pg_cluster):
    # over the loopback port: the throwaway server has no SSL, so requiring it must fail (not
    # fall back to plain text), and plain text works when allowed
    tcp = pg_cluster.tcp_url(db_name(team_url))
    with pytest.raises(LibraryError, match="SSL"):
        open_library(tcp + "?sslmode=require")
    lib = open_library(tcp + "?sslmode=disable")
    try:
        assert lib.count() == 0 and "sslmode=disable" in lib.name
    finally:
        lib.close()


def test_fuzzy_terms_use_the_vocabulary(team_url):
    lib = open_library(team_url)
    try:
        lib.store.add([Article(id="f1", title="Ukraine talks", body="Negotiations in Istanbul.",
                               path="p", sha256="f1", language="en"),
                       Article(id="f2", title="Cat", body="A cat sat.", path="q", sha256="f2")])
        assert [h.id for h in lib.search(SearchRequest(query="ukrane~")).hits] == ["f1"]
        assert [h.id for h in lib.search(SearchRequest(query="istambul~2")).hits] == ["f1"]
        assert [h.id for h in lib.search(SearchRequest(query="cst~")).hits] == ["f2"]
        assert lib.search(SearchRequest(query="kat~")).total == 0      # the first letter stays
        assert [h.id for h in lib.search(SearchRequest(query="neg?tiat*")).hits] == ["f1"]
    finally:
        lib.close()


def test_passwords_come_from_libpq_places_or_a_prompt_and_are_never_written(
        team_url, pg_cluster, tmp_path, monkeypatch, capsys, caplog):
    """A role with a password (scram on the loopback port): no password is a clear refusal;
    PGPASSWORD, a .pgpass file, a service file and the prompt each open the library; the
    password appears in no message, log record or file the library writes."""
    import logging
    import psycopg
    from index.store.postgres import connect
    monkeypatch.setattr(connect, "_prompt", None)    # a window test may have left its prompt
    secret = "s3cret-Pw-42"
    with psycopg.connect(team_url, autocommit=True) as c:
        c.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pwuser') "
                  "THEN CREATE ROLE pwuser LOGIN; END IF; END $$")
        c.execute(f"ALTER ROLE pwuser PASSWORD '{secret}'")
        hba = Path(c.execute("SHOW hba_file").fetchone()[0])
    rule = "host all pwuser 127.0.0.1/32 scram-sha-256\n"
    if rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())          # first match wins: before "trust"
    with psycopg.connect(team_url, autocommit=True) as c:
        c.execute("SELECT pg_reload_conf()")
    assert run(capsys, "library", "roles", "--grant", "pwuser", "analyst", "--library", team_url)[0] == 0
    db = db_name(team_url)
    url = f"postgresql://pwuser@127.0.0.1:{pg_cluster.port}/{db}"
    for var in ("PGPASSWORD", "PGPASSFILE", "PGSERVICEFILE", "PGSERVICE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    caplog.set_level(logging.DEBUG)

    def opens(location):
        lib = open_library(location)
        try:
            assert lib.count() == 0 and secret not in lib.name
        finally:
            lib.close()

    with pytest.raises(LibraryError, match="cannot connect") as e:
        open_library(url)
    assert secret not in str(e.value)
    monkeypatch.setenv("PGPASSWORD", secret)                       # the environment
    opens(url)
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"                                   # a .pgpass file
    pgpass.write_text(f"127.0.0.1:{pg_cluster.port}:{db}:pwuser:{secret}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    opens(url)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    services = tmp_path / "pg_service.conf"                        # a service file
    services.write_text(f"[desk]\nhost=127.0.0.1\nport={pg_cluster.port}\ndbname={db}\n"
                        f"user=pwuser\npassword={secret}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    opens("postgresql://?service=desk")
    monkeypatch.delenv("PGSERVICEFILE")
    asked = []                                                     # the prompt
    connect.set_password_prompt(lambda shown: asked.append(shown) or secret)
    try:
        opens(url)
        assert asked == [connect.display_url(url)]
    finally:
        connect.set_password_prompt(None)
        connect.remember_password(url, None)
    assert secret not in caplog.text
    for f in tmp_path.rglob("*"):                                  # settings, team folder, logs
        if f.is_file() and f not in (pgpass, services):
            assert secret.encode() not in f.read_bytes(), f
