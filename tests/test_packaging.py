"""The PyInstaller package, checked without building it (the build runs in `make package`).

The spec is executed for real, with PyInstaller's own hook helpers; only the build steps
(Analysis, EXE, ...) are replaced by recorders so the test sees exactly what the spec asks for.
"""
from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "packaging"


def _load(name: str):
    # packaging/ is not a package (and `packaging` on PyPI would shadow it): load by path.
    spec = importlib.util.spec_from_file_location(f"mw_{name}", PKG / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bc = _load("bundle_contents")
icon_files = _load("icon_files")


class Step:
    """Stands for one PyInstaller build step and keeps its arguments."""
    calls: list[Step] = []

    def __init__(self, *args, **kwargs):
        self.kind, self.args, self.kwargs = type(self).__name__, args, kwargs
        self.binaries = list(kwargs.get("binaries", []))
        self.datas = [(dest, src, "DATA") for src, dest in kwargs.get("datas", [])]
        self.pure, self.scripts = [], []
        Step.calls.append(self)


_HOOK_CACHE: dict = {}
_PLATFORM = sys.platform


def _cached(fn):
    # PyInstaller's collectors import packages in a subprocess (seconds each); the answers do not
    # change between spec runs of one test session, so each is asked once.
    def wrapper(package, *args, **kwargs):
        key = (fn.__name__, package, tuple(kwargs.get("excludes") or ()))
        if key not in _HOOK_CACHE:
            _HOOK_CACHE[key] = fn(package, *args, **kwargs)
        return list(_HOOK_CACHE[key])
    return wrapper


def _run_spec(monkeypatch, onefile: bool, platform: str | None = None,
              workpath: str = "/nonexistent") -> dict[str, list[Step]]:
    import PyInstaller.utils.hooks as hooks
    for name in ("collect_submodules", "collect_data_files", "copy_metadata"):
        if not hasattr(getattr(hooks, name), "__wrapped_by_test__"):
            wrapped = _cached(getattr(hooks, name))
            wrapped.__wrapped_by_test__ = True
            monkeypatch.setattr(hooks, name, wrapped)
    monkeypatch.setenv("MEDIAWATCH_ONEFILE", "1" if onefile else "0")
    monkeypatch.setattr(sys, "path", list(sys.path))      # the spec extends sys.path
    if platform:
        monkeypatch.setattr(sys, "platform", platform)
    Step.calls = []
    names = {n: type(n, (Step,), {}) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace = {**names, "SPECPATH": str(PKG), "workpath": workpath, "__file__": "spec"}
    code = compile((PKG / "mediawatch.spec").read_text(encoding="utf-8"), "mediawatch.spec", "exec")
    try:
        exec(code, namespace)
    finally:
        monkeypatch.setattr(sys, "platform", _PLATFORM)    # only the spec sees the other system
    steps: dict[str, list[Step]] = {}
    for call in Step.calls:
        steps.setdefault(call.kind, []).append(call)
    return steps


@pytest.fixture(scope="module")
def onefolder():
    with pytest.MonkeyPatch.context() as mp:
        return _run_spec(mp, onefile=False)


def test_spec_bundles_every_module_loaded_by_name(onefolder):
    analysis = onefolder["Analysis"][0]
    hidden = set(analysis.kwargs["hiddenimports"])
    # Whoosh unpickles these by name when it opens an index written by another process.
    for name in ("whoosh.fields", "whoosh.codec.whoosh3", "whoosh.analysis.analyzers",
                 "whoosh.formats", "whoosh.columns", "whoosh.sorting",
                 # dateparser imports one module per language on first use
                 "dateparser.data.date_translation_data.ru", "dateparser.data.date_translation_data.uk",
                 # the CLI imports its command modules from a list
                 "index.cli.importing", "index.cli.searching", "desktop.launch",
                 # team libraries: psycopg finds its C implementation (and libpq) by name
                 "psycopg_binary.pq", "psycopg_pool.pool", "index.store.postgres.store"):
        assert name in hidden, name
    assert analysis.args[0][0].endswith("packaging/mediawatch_entry.py")


def test_spec_bundles_the_data_files_libraries_read(onefolder):
    dests = {dest.replace("\\", "/") for dest, _src, _kind in onefolder["Analysis"][0].datas}
    sources = {Path(src).as_posix() for _dest, src, _kind in onefolder["Analysis"][0].datas}
    assert str(ROOT / "resources") in sources and str(ROOT / "seeds") in sources
    wanted = ("trafilatura/settings.cfg", "langdetect/profiles/en", "langdetect/profiles/ru",
              "justext/stoplists/English.txt", "pycountry/databases/iso3166-1.json",
              "tld/res/effective_tld_names.dat.txt", "babel/locale-data/root.dat")
    for path in wanted:
        assert any(d.endswith(path.rsplit("/", 1)[0]) for d in dests), path
    assert any("trafilatura" in d and d.endswith(".dist-info") for d in dests)  # version() at import
    # trimmed: gettext catalogues nobody reads
    assert not any("pycountry/locales" in d for d in dests)


def test_spec_excludes_unused_qt_and_other_bindings(onefolder):
    excludes = set(onefolder["Analysis"][0].kwargs["excludes"])
    for name in ("PyQt5", "PyQt6", "tkinter", "PySide6.QtWebEngineCore", "PySide6.QtQml",
                 "PySide6.QtQuick", "PySide6.Qt3DCore", "PySide6.QtMultimedia", "pytest"):
        assert name in excludes, name
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"} & excludes


def test_one_folder_by_default_one_file_as_option(onefolder, monkeypatch):
    exe = onefolder["EXE"][0]
    assert exe.kwargs["name"] == "mediawatch" and exe.kwargs["exclude_binaries"] is True
    assert onefolder["COLLECT"][0].kwargs["name"] == "mediawatch"
    onefile = _run_spec(monkeypatch, onefile=True)
    assert "COLLECT" not in onefile
    assert onefile["EXE"][0].kwargs["name"] == "mediawatch" and "exclude_binaries" not in onefile["EXE"][0].kwargs


def test_windows_build_has_version_info_icon_and_a_windowed_twin(monkeypatch, tmp_path):
    steps = _run_spec(monkeypatch, onefile=False, platform="win32", workpath=str(tmp_path))
    exes = {e.kwargs["name"]: e.kwargs for e in steps["EXE"]}
    assert exes["mediawatch"]["console"] is True and exes["mediawatchw"]["console"] is False
    version_file = Path(exes["mediawatch"]["version"])
    assert version_file.parent == tmp_path
    assert f"StringStruct('ProductVersion', '{bc.read_version()}')" in version_file.read_text(encoding="utf-8")
    assert exes["mediawatch"]["icon"].endswith(".ico") and Path(exes["mediawatch"]["icon"]).exists()
    assert len(steps["COLLECT"][0].args) == 4               # both executables, binaries, datas


def test_macos_build_makes_an_app_bundle(monkeypatch, tmp_path):
    steps = _run_spec(monkeypatch, onefile=False, platform="darwin", workpath=str(tmp_path))
    bundle = steps["BUNDLE"][0].kwargs
    assert bundle["name"] == "Mediawatch.app" and bundle["bundle_identifier"] == "app.mediawatch.Mediawatch"
    assert bundle["version"] == bc.read_version()
    assert bundle["info_plist"]["CFBundleDocumentTypes"]
    icns = Path(bundle["icon"])                              # made from the PNG set at build time
    assert icns.suffix == ".icns" and icns.read_bytes()[:4] == b"icns"


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
    ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\translations\\qtbase_de.qm", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
    ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", False),
    ("pycountry/databases/iso3166-1.json", True),
    ("babel/locale-data/ru.dat", True),
    ("babel/locale-data/zu_ZA.dat", False),
    ("lxml/etree.cpython-311-x86_64-linux-gnu.so", True),
])
def test_trimming_keeps_what_the_app_loads(dest, kept):
    assert bc.keep_file(dest) is kept


def test_macos_document_types_cover_every_importable_format():
    from index.ingest.readers import READERS
    declared = {ext for _name, exts, _utis in bc.DOCUMENT_TYPES for ext in exts}
    assert set(READERS) | {"zip"} <= declared
    plist = bc.info_plist("1.2.3")
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert all(t["CFBundleTypeRole"] == "Viewer" for t in plist["CFBundleDocumentTypes"])


def test_version_comes_from_pyproject_and_matches_the_code():
    import index
    assert bc.read_version() == index.__version__
    assert bc.version_tuple("2.10.3rc1") == (2, 10, 3, 0)
    tree = ast.parse(bc.windows_version_text("2.10.3"), mode="eval")
    assert tree.body.func.id == "VSVersionInfo"
    text = bc.windows_version_text("2.10.3")
    assert "filevers=(2, 10, 3, 0)" in text and "StringStruct('ProductVersion', '2.10.3')" in text


def _png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(QColor("#1f6feb"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)


def test_icon_files_wrap_the_png_set_readably(tmp_path, qapp):
    from PySide6.QtGui import QImageReader
    for size in (16, 32, 256, 512):
        (tmp_path / f"mediawatch-{size}.png").write_bytes(_png(size))
    (tmp_path / "mediawatch-wide.png").write_bytes(_png(8))        # not an app icon name
    ico = icon_files.write_icon(tmp_path, tmp_path / "out" / "mediawatch.ico")
    data = ico.read_bytes()
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 3)             # 512 does not fit an .ico
    reader = QImageReader(str(ico))
    sizes = set()
    for _ in range(reader.imageCount()):
        sizes.add(reader.read().width())
        reader.jumpToNextImage()
    assert sizes == {16, 32, 256}
    icns = icon_files.write_icon(tmp_path, tmp_path / "out" / "mediawatch.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert [t for t in (b"icp4", b"icp5", b"ic08", b"ic09") if t in icns] == [b"icp4", b"icp5", b"ic08", b"ic09"]
    assert icon_files.write_icon(tmp_path / "none", tmp_path / "x.ico") is None


def test_linux_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PKG / "mediawatch.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Exec"] == f"{bc.APP_NAME} %F" and d["Icon"] == bc.APP_NAME
    assert d["TryExec"] == bc.APP_NAME
    mimes = d["MimeType"].split(";")            # "Open with Mediawatch" for what it reads
    for m in ("text/plain", "text/html", "application/pdf", "application/zip", "message/rfc822"):
        assert m in mimes
    assert d["Terminal"] == "false" and d["Categories"].endswith(";")
    assert (ROOT / "resources/icons/app/mediawatch-256.png").exists()


def test_build_script_and_ci_run_the_frozen_checks():
    script = (PKG / "build.sh").read_text(encoding="utf-8")
    subprocess.run(["bash", "-n", str(PKG / "build.sh")], check=True)
    for needle in ("--self-test", "run import --library", "run search --library", "env -i",
                   "QT_QPA_PLATFORM=offscreen", "du -sh"):
        assert needle in script, needle
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert ci.index("make package") > ci.index("make test")


def test_frozen_check_samples_import_cleanly_from_source(tmp_path, capsys):
    # build.sh demands that the frozen app imports every sample; from source they must, too.
    from index.cli import main as cli_main
    expected = _load("frozen_samples").write_samples(tmp_path / "samples")
    assert len({p.suffix for p in (tmp_path / "samples").iterdir()}) == 12
    assert cli_main(["import", "--json", "--library", str(tmp_path / "lib"), str(tmp_path / "samples")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["failed"] == [] and report["skipped"] == []
    assert report["imported"] == expected
