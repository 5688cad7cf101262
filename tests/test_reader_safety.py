"""An imported page full of scripts, frames, remote images and style sheets loads nothing and
runs nothing, in the reader pane, the comparison panes or any export: a local HTTP server
counts every request (there must be none), the widgets record every resource Qt asked for.
Real import, real widgets (offscreen), real exports."""
from __future__ import annotations

import datetime as dt
import http.server
import os
import re
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from index.library import open_library  # noqa: E402
from index.model import SearchRequest  # noqa: E402

BODY = ("Delegations from Russia and Ukraine met in Istanbul on Monday for a second round of "
        "talks about a ceasefire. The Turkish foreign minister said both sides agreed to exchange "
        "prisoners of war and to meet again within weeks. Observers in Kyiv and Moscow were "
        "cautious about progress, and diplomats said a summit was not yet planned.")


@pytest.fixture
def server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):   # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def hostile_page(base: str) -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks resume in Istanbul | The Hostile Herald</title>
<link rel="stylesheet" href="{base}/style.css"><script src="{base}/head.js"></script>
<style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style>
<meta http-equiv="refresh" content="0; url={base}/refresh">
</head><body onload="fetch('{base}/onload')">
<iframe src="{base}/frame.html"></iframe><object data="{base}/object.swf"></object>
<article><h1>Talks resume in Istanbul</h1>
<p>{BODY} <img src="{base}/pixel.gif" onerror="fetch('{base}/onerror')"></p>
<p>Quoted markup stays text: &lt;img src="{base}/escaped.png"&gt; and
&lt;script&gt;fetch("{base}/escaped-script")&lt;/script&gt; are characters here.</p>
<p><video poster="{base}/poster.jpg" src="{base}/video.mp4"></video>{BODY}</p>
<script>document.write('<img src="{base}/written.png">'); fetch('{base}/inline');</script>
</article></body></html>"""


@pytest.fixture
def hostile(tmp_path, server, monkeypatch):
    monkeypatch.setenv("MEDIAWATCH_SETTINGS_DIR", str(tmp_path / "settings"))
    base, hits = server
    page = tmp_path / "in" / "hostile.html"
    page.parent.mkdir()
    page.write_text(hostile_page(base), encoding="utf-8")
    lib = open_library(tmp_path / "lib")
    assert lib.import_all([page], workers=0).imported == 1
    art = lib.search(SearchRequest(query="Istanbul")).hits[0]
    yield lib, lib.get(art.id), base, hits
    lib.close()


def test_reader_shows_the_page_as_text_and_loads_nothing(qtbot, hostile):
    from desktop.views.reader import ReaderPane
    lib, art, base, hits = hostile
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.resize(700, 900)
    pane.show()
    pane.show_article(art, "Istanbul")
    qtbot.wait(300)
    pane.grab()                                   # paint it: lazy resources would load now
    text = pane.browser.toPlainText()
    assert "Istanbul" in text
    assert "document.write" not in text and f"{base}/inline" not in text     # scripts are dropped
    assert f'<img src="{base}/escaped.png">' in text          # markup in the article is text
    assert pane.browser.refused == [] and hits == []


def test_markup_that_slips_through_is_refused(qtbot, server):
    """The second wall: raw HTML handed to the reader still loads no image, style or file."""
    from desktop.views.reader import ReaderPane
    base, hits = server
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.show()
    for snippet, wanted in ((f'<p>a</p><img src="{base}/direct.png">', "direct.png"),
                            ('<img src="file:///etc/hostname">', "hostname"),
                            (f'<p style="background-image:url({base}/bg.png)">x</p>', "bg.png")):
        pane.show_message(snippet)
        pane.grab()
        assert any(wanted in u for u in pane.browser.refused), (snippet, pane.browser.refused)
    qtbot.wait(200)
    assert hits == []


def test_comparison_panes_load_nothing(qtbot, hostile):
    from desktop.views.compare_view import CompareView
    lib, art, base, hits = hostile
    view = CompareView()
    qtbot.addWidget(view)
    view.show()
    view.set_articles([art, art])
    view.grab()
    qtbot.wait(200)
    assert all(b.refused == [] for b in view.browsers) and hits == []


def test_exports_carry_no_active_markup(qtbot, hostile, tmp_path):
    from desktop.printing import html_to_pdf
    from index.export.digest import build_digest, render_digest_html
    from index.stories.briefing import render_briefing
    lib, art, base, hits = hostile
    digest = build_digest(lib, SearchRequest(query="Istanbul"), dt.date(2000, 1, 1),
                          basis="imported")
    for html in (render_digest_html(digest), render_briefing([art, art])):
        assert "default-src 'none'" in html
        low = html.lower()
        for tag in ("<script", "<iframe", "<img", "<link", "<object", "<video", "@import", "url("):
            assert tag not in low, tag
        assert not re.search(r"""(src|href|data|poster)\s*=\s*["']?""" + re.escape(base), html)
        html_to_pdf(html, tmp_path / "out.pdf")
    assert hits == []
