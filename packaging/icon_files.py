"""Windows .ico and macOS .icns files made from the app's PNG icon set (resources/icons/app/).

Both formats may simply wrap PNG images, so no image library is needed at build time (PyInstaller
would otherwise require Pillow to convert PNG icons). The spec calls these on Windows and macOS.
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# icns element types that hold PNG data, by pixel size (Apple's "Icon Services" types).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09",
              1024: b"ic10"}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", data[16:24])


def app_pngs(icon_dir: Path) -> dict[int, bytes]:
    """The square app icons found as mediawatch-SIZE.png, by size."""
    found = {}
    for path in sorted(icon_dir.glob("mediawatch-*.png")):
        if not re.fullmatch(r"mediawatch-\d+\.png", path.name):
            continue
        data = path.read_bytes()
        width, height = png_size(data)
        if width == height:
            found[width] = data
    return found


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images up to 256 px (the format's limit)."""
    images = [(size, data) for size, data in sorted(pngs.items()) if size <= 256]
    if not images:
        raise ValueError("no icon of 256 px or less")
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        dim = 0 if size == 256 else size          # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns holding every PNG whose size has an icns element type."""
    body = b""
    for size, data in sorted(pngs.items()):
        kind = ICNS_TYPES.get(size)
        if kind:
            body += kind + struct.pack(">I", 8 + len(data)) + data
    if not body:
        raise ValueError("no icon in a size icns knows")
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icon(icon_dir: Path, out: Path) -> Path | None:
    """Write out (.ico or .icns by suffix) from icon_dir's PNGs; None when there are none."""
    pngs = app_pngs(icon_dir)
    if not pngs:
        return None
    data = ico_bytes(pngs) if out.suffix == ".ico" else icns_bytes(pngs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
