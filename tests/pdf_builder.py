"""Write small real PDF 1.4 files by hand for the reader tests (no PDF library needed).

``text_pdf`` gives pages with a Helvetica text layer, ``scanned_pdf`` a page that only paints
an image (what a scanner produces), so pypdf finds no text in it.
"""
from __future__ import annotations


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble(objects: list[bytes], info: int | None = None) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(content)}{extra} >>\nstream\n".encode() + content + b"\nendstream"


def text_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """One page per list of lines, each line drawn in 12 pt Helvetica."""
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs, then the optional info dict
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        content = "\n".join(ops).encode("cp1252")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(_stream(content))
    info = None
    if title is not None:
        objects.append(f"<< /Title ({_escape(title)}) /Producer (tests) >>".encode())
        info = len(objects)
    return _assemble(objects, info)


def scanned_pdf() -> bytes:
    """A page that paints a 2x2 grey image and has no text operators at all."""
    pixels = bytes([0x20, 0xE0, 0xE0, 0x20])
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
               _stream(b"q 500 0 0 700 56 46 cm /Im1 Do Q"),
               _stream(pixels, " /Type /XObject /Subtype /Image /Width 2 /Height 2 "
                               "/ColorSpace /DeviceGray /BitsPerComponent 8")]
    return _assemble(objects)
