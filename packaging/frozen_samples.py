"""Write one small article per importable format, for build.sh to feed to the frozen app.

Importing these proves that the bundle holds what each reader needs at run time (trafilatura's
settings and metadata, feedparser, pypdf, python-docx's templates, charset detection, dateparser's
language modules, zip handling). The texts are our own, written for this check.

Usage: python packaging/frozen_samples.py OUT_DIR   (prints the number of articles written)
"""
from __future__ import annotations

import email.message
import importlib.util
import io
import json
import mailbox
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STORY = ("Vladimir Putin met {who} in Moscow on {when} to discuss grain exports through the Black "
         "Sea, energy prices and the exchange of prisoners. The Kremlin said the talks were "
         "businesslike. {who} told reporters after the meeting that both sides had agreed to keep "
         "their experts in contact, while officials in Kyiv said no agreement could be reached "
         "without Ukraine at the table. Analysts in Berlin and Warsaw expected further rounds of "
         "talks before the summer, and markets reacted calmly to the statements from both capitals.")

VISITORS = ["Recep Tayyip Erdogan", "Viktor Orban", "Alexander Lukashenko", "Kassym-Jomart Tokayev",
            "Ilham Aliyev", "Aleksandar Vucic", "Shavkat Mirziyoyev", "Emomali Rahmon",
            "Sadyr Japarov", "Serdar Berdimuhamedov", "Nikol Pashinyan", "Robert Fico", "Masoud Pezeshkian"]
RUSSIAN = ("Владимир Путин провёл переговоры в Москве 17 марта 2025 года. Стороны обсудили поставки "
           "зерна, цены на энергоносители и обмен пленными. В Кремле назвали встречу деловой и "
           "конструктивной, а эксперты ожидают продолжения переговоров летом.")


def _story(i: int) -> str:
    return STORY.format(who=VISITORS[i], when=f"{10 + i} March 2025")


def _pdf(text: str) -> bytes:
    # The hand-written PDF builder of the reader tests: a real text layer, no PDF library needed.
    spec = importlib.util.spec_from_file_location("pdf_builder", ROOT / "tests/fixtures/pdf_builder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > 80:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return module.text_pdf([lines + [line]], title="Putin meets Kassym-Jomart Tokayev")


def _docx(text: str) -> bytes:
    import docx
    document = docx.Document()
    document.add_heading("Putin meets Ilham Aliyev", level=1)
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _mail(subject: str, text: str, date: str) -> email.message.EmailMessage:
    msg = email.message.EmailMessage()
    msg["From"] = "Newsletter <news@example.org>"
    msg["To"] = "analyst@example.org"
    msg["Subject"] = subject
    msg["Date"] = date
    msg.set_content(text)
    return msg


def write_samples(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    s = [_story(i) for i in range(len(VISITORS))]
    (out / "plain.txt").write_text(f"Putin meets Erdogan\n\n{s[0]}\n", encoding="utf-8")
    (out / "notes.md").write_text(f"# Putin meets Orban\n\n{s[1]}\n", encoding="utf-8")
    (out / "russian-cp1251.txt").write_bytes(f"Путин провёл переговоры\n\n{RUSSIAN}\n".encode("cp1251"))
    (out / "page.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Putin meets Lukashenko"
        "</title><meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2025-03-12T09:00:00Z'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Putin meets Lukashenko</h1>"
        + "".join(f"<p>{sentence}.</p>" for sentence in s[2].split(". ")) +
        "</article><footer>Subscribe to our newsletter</footer></body></html>", encoding="utf-8")
    (out / "report.pdf").write_bytes(_pdf(s[3]))
    (out / "memo.docx").write_bytes(_docx(s[4]))
    (out / "letter.eml").write_bytes(bytes(_mail("Putin meets Vucic", s[5], "Fri, 14 Mar 2025 08:00:00 +0000")))
    box = mailbox.mbox(str(out / "digest.mbox"))
    box.add(_mail("Putin meets Mirziyoyev", s[6], "Sat, 15 Mar 2025 08:00:00 +0000"))
    box.add(_mail("Putin meets Rahmon", s[7], "Sun, 16 Mar 2025 08:00:00 +0000"))
    box.close()
    (out / "feed.rss").write_text(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example News</title>"
        f"<item><title>Putin meets Japarov</title><pubDate>Mon, 17 Mar 2025 08:00:00 GMT</pubDate>"
        f"<description>{s[8]}</description></item></channel></rss>", encoding="utf-8")
    (out / "feed.atom").write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Example News</title><entry><title>Putin meets Berdimuhamedov</title>"
        "<id>urn:example:1</id><updated>2025-03-18T08:00:00Z</updated>"
        f"<content type='text'>{s[9]}</content></entry></feed>", encoding="utf-8")
    (out / "export.json").write_text(json.dumps({"articles": [
        {"title": "Putin meets Pashinyan", "content": s[10], "publishedAt": "2025-03-19T08:00:00Z",
         "source": {"name": "Example News"}}]}), encoding="utf-8")
    (out / "export.jsonl").write_text(json.dumps(
        {"title": "Putin meets Fico", "text": s[11], "date": "2025-03-20"}) + "\n", encoding="utf-8")
    with zipfile.ZipFile(out / "archive.zip", "w") as zf:
        zf.writestr("inner/putin-pezeshkian.txt", f"Putin meets Pezeshkian\n\n{s[12]}\n")
    return 14   # articles: one per file, two in the mbox, one inside the zip


if __name__ == "__main__":
    print(write_samples(Path(sys.argv[1])))
