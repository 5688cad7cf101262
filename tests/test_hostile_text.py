"""Text that Python holds but UTF-8 cannot encode never stops an import: lone surrogates from
JSON escapes, e-mail headers, and file names that are not valid UTF-8. Real imports."""
from __future__ import annotations

import json
import os
import sys

import pytest

from index.ingest.readers import reader_for
from index.model import SearchRequest

BODY = ("Delegations from Russia and Ukraine met in Istanbul on Monday for a second round of "
        "talks about a ceasefire. The Turkish foreign minister said both sides agreed to exchange "
        "prisoners of war and to meet again within weeks.")


@pytest.mark.parametrize("ext,data", [
    ("json", json.dumps({"title": "Talks \ud800 resume", "text": BODY + " \udc80 end",
                         "author": "Ann \udfff Lee"}).encode()),
    ("jsonl", (json.dumps({"title": "Talks \ud800 resume", "text": BODY}) + "\n").encode()),
    ("eml", b"Subject: Talks =?utf-8?b?" + __import__("base64").b64encode("résumé".encode()) +
     b"?= \xff\xfe resume\nFrom: Desk <desk@example.org>\nContent-Type: text/plain\n\n" +
     BODY.encode() + b"\n"),
])
def test_lone_surrogates_are_replaced_and_imported(lib, tmp_path, ext, data):
    raws = reader_for(ext).read(data, f"x.{ext}")
    for raw in raws:
        for value in (raw.title or "", raw.text, *raw.authors):
            value.encode("utf-8")                     # would raise on a lone surrogate
    src = tmp_path / f"a.{ext}"
    src.write_bytes(data)
    report = lib.import_all([src], workers=0)
    assert report.imported == 1, report.failed
    assert lib.search(SearchRequest(query="Istanbul")).total == 1


@pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                    reason="needs a byte-oriented file system")
def test_file_name_that_is_not_utf8_imports_and_reimports(lib, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/bad-\xff\xfe-name.txt", "wb") as f:
        f.write(("Talks resume\n\n" + BODY + "\n").encode())
    report = lib.import_all([folder], workers=0)
    assert report.imported == 1 and not report.failed
    again = lib.import_all([folder], workers=0)
    assert again.imported == 0 and again.duplicates == 1
