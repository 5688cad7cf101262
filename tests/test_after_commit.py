"""The steps a library runs after each committed import batch are listed where it is built
(``Library.after_commit``), and run in that order: stories, then watch alerts."""
from pathlib import Path

from index.alerts import saved
from index.alerts.watch import check_new_articles
from index.model import SearchRequest
from index.stories.service import group_new

BODY = ("President Vladimir Putin spoke about a ceasefire with Ukraine in Moscow on Tuesday, "
        "officials said. The Kremlin described the talks as useful but gave few details. ")


def _files(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        p = folder / f"putin{i}.txt"
        p.write_text(f"Putin report {i}\n\n{BODY} Desk {i} added its own closing line {i * 17}.\n",
                     encoding="utf-8")
        out.append(p)
    return out


def _grouped(library, ids) -> set[str]:
    rows = library.state.execute("SELECT article_id FROM story_articles").fetchall()
    return {r[0] for r in rows} & set(ids)


def _alerted(library, ids) -> set[str]:
    rows = library.state.execute("SELECT article_id FROM alerts").fetchall()
    return {r[0] for r in rows} & set(ids)


def test_the_library_lists_its_after_commit_steps_in_order(lib):
    assert lib.after_commit == [group_new, check_new_articles]
    assert lib.after_retag == []          # a retag never raises alerts again


def test_an_import_runs_the_steps_in_their_order_after_every_commit(tmp_path, lib):
    saved.add(lib.state, "Putin", SearchRequest(query="Putin"), watched=True)
    seen = []

    def between(library, articles):       # stands after stories, before alerts
        ids = [a.id for a in articles]
        seen.append(("between", len(ids), _grouped(library, ids) == set(ids),
                     _alerted(library, ids) == set()))

    def last(library, articles):
        ids = [a.id for a in articles]
        seen.append(("last", len(ids), _grouped(library, ids) == set(ids),
                     _alerted(library, ids) == set(ids)))

    lib.after_commit.insert(1, between)
    lib.after_commit.append(last)
    report = lib.import_all(_files(tmp_path / "in", 5), batch_size=2, workers=0)
    assert report.imported == 5
    # Every commit (of at most 2 articles; a slow machine commits sooner, after COMMIT_SECONDS)
    # runs stories, then the probe, then alerts, then the last step, on the same batch.
    assert len(seen) >= 6 and len(seen) % 2 == 0
    for between_seen, last_seen in zip(seen[::2], seen[1::2]):
        assert between_seen[0] == "between" and last_seen[0] == "last"
        assert between_seen[1] == last_seen[1] and 1 <= last_seen[1] <= 2
        assert between_seen[2:] == (True, True) and last_seen[2:] == (True, True)
    assert sum(n for kind, n, *_ in seen if kind == "last") == 5


def test_a_failing_step_never_loses_the_committed_batch(tmp_path, lib):
    def broken(library, articles):
        raise RuntimeError("step failed")

    lib.after_commit.insert(0, broken)
    report = lib.import_all(_files(tmp_path / "in", 2), workers=0)
    assert report.imported == 2 and lib.count() == 2
    ids = [a.id for a in lib.store.iter_articles()]
    assert _grouped(lib, ids) == set(ids)        # the steps after it still ran
