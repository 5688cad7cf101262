"""Discovery over real folders and zip archives written in tmp_path."""
from __future__ import annotations

import io
import itertools
import os
import threading
import zipfile

import pytest

from index.cancel import CancelToken
from index.errors import ReadError
from index.ingest import Source, discover
from index.model import Problem


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _run(*paths, **kw):
    items = list(discover([str(p) for p in paths], **kw))
    sources = {i.path: i for i in items if isinstance(i, Source)}
    problems = {i.path: i.reason for i in items if isinstance(i, Problem)}
    return items, sources, problems


def test_folder_recursion_hidden_and_unsupported(tmp_path):
    (tmp_path / "b.txt").write_text("two")
    (tmp_path / "a.HTML").write_text("<p>one</p>")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "README").write_text("no extension")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("nope")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "c.md").write_text("three")
    (tmp_path / "sub" / "deeper" / "d.json").write_text("{}")
    items, sources, problems = _run(tmp_path)
    order = [os.path.relpath(i.path, tmp_path) for i in items]
    assert order == ["README", "a.HTML", "b.txt", "photo.jpg", "sub/c.md", "sub/deeper/d.json"]
    assert problems[str(tmp_path / "photo.jpg")] == "unsupported file type .jpg"
    assert problems[str(tmp_path / "README")] == "unsupported file type (no file extension)"
    a = sources[str(tmp_path / "a.HTML")]
    assert (a.ext, a.size, a.load()) == ("html", 10, b"<p>one</p>")
    assert a.mtime == pytest.approx(os.stat(tmp_path / "a.HTML").st_mtime)
    # same walk, same order
    assert [i.path for i in discover([str(tmp_path)])] == [i.path for i in items]


def test_missing_path_and_explicit_file(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("hi")
    items = list(discover([tmp_path / "nope", f]))
    assert items[0] == Problem(str(tmp_path / "nope"), "file not found")
    assert isinstance(items[1], Source) and items[1].load() == b"hi"


def test_file_over_the_size_limit(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    (tmp_path / "small.txt").write_bytes(b"x" * 100)
    _, sources, problems = _run(tmp_path, max_file_size=4096)
    assert problems == {str(tmp_path / "big.txt"): "file too large (4.9 KB, limit 4.0 KB)"}
    assert list(sources) == [str(tmp_path / "small.txt")]
    _, _, problems = _run(tmp_path / "big.txt", max_file_size=1024 * 1024)
    assert problems == {}


def test_size_message_in_megabytes(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:
        f.truncate(150 * 1024 * 1024)      # sparse: no real disk use
    [p] = list(discover([big]))
    assert p.reason == "file too large (150 MB, limit 100 MB)"


def test_zip_members_nested_and_hidden(tmp_path):
    inner = _zip({"deep/c.txt": b"gamma", "skip.exe": b"MZ"})
    archive = tmp_path / "pack.zip"
    archive.write_bytes(_zip({"b/a.txt": b"alpha", "a.json": b"{}", "__MACOSX/._a.json": b"junk",
                              "b/.DS_Store": b"x", "inner.zip": inner}))
    items, sources, problems = _run(archive)
    z = str(archive)
    assert [i.path for i in items] == [f"{z}!/a.json", f"{z}!/b/a.txt",
                                       f"{z}!/inner.zip!/deep/c.txt", f"{z}!/inner.zip!/skip.exe"]
    assert sources[f"{z}!/b/a.txt"].load() == b"alpha"
    assert sources[f"{z}!/inner.zip!/deep/c.txt"].load() == b"gamma"
    assert sources[f"{z}!/b/a.txt"].ext == "txt" and sources[f"{z}!/b/a.txt"].size == 5
    assert problems == {f"{z}!/inner.zip!/skip.exe": "unsupported file type .exe"}


def test_zip_with_path_traversal_entries(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ok.txt", b"fine")
        # ZipFile.writestr keeps these names as given: exactly what a hostile archive holds
        zf.writestr(zipfile.ZipInfo("../../etc/evil.txt"), b"evil")
        zf.writestr(zipfile.ZipInfo("/abs/evil.txt"), b"evil")
        zf.writestr(zipfile.ZipInfo("a\\..\\..\\win.txt"), b"evil")
    archive = tmp_path / "evil.zip"
    archive.write_bytes(buf.getvalue())
    _, sources, problems = _run(archive)
    z = str(archive)
    assert list(sources) == [f"{z}!/ok.txt"]
    assert problems[f"{z}!/../../etc/evil.txt"].startswith("unsafe path in zip archive ('..'")
    assert problems[f"{z}!/a/../../win.txt"].startswith("unsafe path in zip archive ('..'")
    assert problems[f"{z}!/abs/evil.txt"].startswith("unsafe path in zip archive (absolute path)")
    assert not (tmp_path.parent / "etc" / "evil.txt").exists()


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 this is not really a zip", b"just text"])
def test_corrupt_zip(tmp_path, data):
    bad = tmp_path / "broken.zip"
    bad.write_bytes(data)
    _, _, problems = _run(bad)
    assert problems[str(bad)].startswith("corrupt zip archive: ")


def test_truncated_zip_and_damaged_member(tmp_path):
    data = _zip({"a.txt": b"alpha " * 200, "b.txt": b"beta " * 200})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) - 40])          # central directory cut off
    _, _, problems = _run(cut)
    assert problems[str(cut)].startswith("corrupt zip archive: ")
    # a flipped byte inside a member: the archive opens, loading the member fails with a reason
    damaged = bytearray(data)
    at = damaged.index(b"a.txt") + 5 + 10
    damaged[at] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(damaged))
    _, sources, _ = _run(bad)
    with pytest.raises(ReadError, match="damaged zip member"):
        sources[f"{bad}!/a.txt"].load()


def test_nested_zip_depth_limit(tmp_path):
    level = _zip({"leaf.txt": b"leaf"})
    for n in range(4):
        level = _zip({f"z{n}.zip": level, f"t{n}.txt": b"t"})
    archive = tmp_path / "deep.zip"
    archive.write_bytes(level)
    _, sources, problems = _run(archive)
    z = str(archive)
    assert f"{z}!/t3.txt" in sources and f"{z}!/z3.zip!/z2.zip!/t1.txt" in sources
    assert problems == {f"{z}!/z3.zip!/z2.zip!/z1.zip":
                        "zip archives nested too deep (more than 3 levels)"}


def test_zip_total_uncompressed_limit(tmp_path):
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(_zip({f"f{i}.txt": b"0" * 4000 for i in range(5)}))
    _, sources, problems = _run(archive, max_zip_total=10_000)
    assert len(sources) == 2
    assert problems[str(archive)].startswith("zip archive too large when uncompressed")


def test_zip_total_limit_is_per_archive(tmp_path):
    for name in ("a.zip", "b.zip", "c.zip"):
        (tmp_path / name).write_bytes(_zip({f"{i}.txt": b"0" * 3000 for i in range(3)}))
    _, sources, problems = _run(tmp_path, max_zip_total=10_000)
    assert len(sources) == 9 and problems == {}


def test_zip_member_over_file_limit(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(_zip({"big.txt": b"x" * 9000, "small.txt": b"y"}))
    _, sources, problems = _run(archive, max_file_size=4096)
    assert list(sources) == [f"{archive}!/small.txt"]
    assert problems == {f"{archive}!/big.txt": "file too large (8.8 KB, limit 4.0 KB)"}


def test_member_that_lies_about_its_size(tmp_path):
    data = bytearray(_zip({"a.txt": b"z" * 50_000}))
    # shrink the declared size in the central directory (offset 24 of the entry): a zip bomb trick
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (100).to_bytes(4, "little")
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    _, sources, _ = _run(archive, max_file_size=1000)
    with pytest.raises(ReadError):
        sources[f"{archive}!/a.txt"].load()


@pytest.mark.parametrize("token_type", [CancelToken, threading.Event])
def test_cancel_stops_discovery(tmp_path, token_type):
    for i in range(20):
        (tmp_path / f"{i:02}.txt").write_text("x")
    token = token_type()
    seen = []
    for item in discover([tmp_path], cancel=token):
        seen.append(item)
        if len(seen) == 3:
            (token.cancel if hasattr(token, "cancel") else token.set)()
    assert len(seen) == 3


def test_large_folder_is_lazy(tmp_path):
    # 1,000 files in nested folders: the first source arrives before the rest is walked
    for d in range(20):
        sub = tmp_path / f"d{d:02}"
        sub.mkdir()
        for i in range(50):
            (sub / f"{i:03}.txt").write_text("x")
    gen = discover([tmp_path])
    first = list(itertools.islice(gen, 5))
    assert [os.path.relpath(s.path, tmp_path) for s in first] == [f"d00/{i:03}.txt" for i in range(5)]
    # a file added now to a folder not yet listed is still found: nothing was walked ahead
    (tmp_path / "d19" / "late.txt").write_text("x")
    rest = [os.path.relpath(s.path, tmp_path) for s in gen]
    assert len(rest) == 996 and rest[-1] == "d19/late.txt"


def test_encrypted_zip_entry_is_reported(tmp_path):
    data = bytearray(_zip({"secret.txt": b"hidden words", "open.txt": b"fine"}))
    # set the "encrypted" flag of secret.txt in the central directory (offset 8 of its record)
    cd = data.index(b"PK\x01\x02")
    while not data[cd + 46:cd + 46 + 10] == b"secret.txt":
        cd = data.index(b"PK\x01\x02", cd + 4)
    data[cd + 8] |= 0x01
    archive = tmp_path / "locked.zip"
    archive.write_bytes(bytes(data))
    _, sources, problems = _run(archive)
    assert list(sources) == [f"{archive}!/open.txt"]
    assert problems == {f"{archive}!/secret.txt": "encrypted zip entry (a password is needed)"}


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    paths = [os.path.relpath(i.path, tmp_path) for i in discover([tmp_path])]
    assert paths == ["a/x.txt"]
