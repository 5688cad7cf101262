"""What the frozen Mediawatch holds: the facts mediawatch.spec builds from, kept importable without
PyInstaller so tests/test_packaging.py can check them in the normal suite.

Everything here is plain data or a pure function; the spec does the PyInstaller calls.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "mediawatch"            # the executable; no package folder has this name (Picard's lesson)
DISPLAY_NAME = "Mediawatch"
BUNDLE_ID = "app.mediawatch.Mediawatch"

# Our own folders copied to the bundle root, where index.resources.app_root() looks for them.
BUNDLED_FOLDERS = ("resources", "seeds")

# Packages imported by name at run time (Whoosh unpickles its classes by dotted name when it opens
# an index; dateparser imports one module per language; the CLI lists its command modules;
# psycopg picks its implementation by name).
SUBMODULE_PACKAGES = ("whoosh", "dateparser", "index", "desktop", "psycopg", "psycopg_pool")
# Modules imported by name that cannot be listed by importing their package: psycopg's C
# implementation with its own libpq (psycopg_binary refuses to be imported before psycopg).
HIDDEN_IMPORTS = ("psycopg_binary", "psycopg_binary.pq", "psycopg_binary._psycopg")

# Packages whose non-Python files are read at run time.
DATA_PACKAGES = (
    "langdetect",    # profiles/ (one JSON per language)
    "trafilatura",   # settings.cfg, data/
    "justext",       # stoplists/
    "htmldate",
    "courlan",
    "dateparser",    # data/ (timezones, language order)
    "pycountry",     # databases/*.json (its locales/ are trimmed below)
    "tld",           # res/effective_tld_names.dat.txt
    "feedparser",
    "docx",          # templates/ (default.docx, styles)
    "babel",         # courlan asks babel for locale names
)
# Data files of those packages that are tests or fixtures, never read by the app.
DATA_EXCLUDE_GLOBS = ("**/tests/**", "**/test/**", "**/*.pyi", "**/py.typed")

# Distributions whose metadata is read at import time (importlib.metadata.version).
METADATA_PACKAGES = ("trafilatura", "pycountry")

# Qt modules and other bindings the app never imports; the PySide6 hooks would otherwise follow them.
QT_EXCLUDES = (
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuick3D", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel", "PySide6.QtWebSockets",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning",
    "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtTextToSpeech", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
    "PySide6.QtStateMachine", "PySide6.QtHttpServer", "PySide6.QtNetworkAuth",
    "PySide6.QtSpatialAudio", "PySide6.QtConcurrent", "PySide6.QtXml",
    "PyQt5", "PyQt6", "PySide2", "qtpy",
)
OTHER_EXCLUDES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "pip", "setuptools", "pkg_resources",
    "IPython", "matplotlib", "pygments", "PyInstaller", "pydoc_data", "lib2to3",
    "distutils", "test",
)

# Trimming after analysis (measured: see packaging/README.md). Qt plugin folders we keep, and for
# each the plugin files kept (None = all). Everything else under plugins/ is dropped.
QT_PLUGINS_KEEP = {
    "platforms": ("offscreen", "minimal", "xcb", "wayland", "cocoa", "windows"),
    # gtk3 would drag half of GTK's stack (cairo, gio) into the bundle and clash with the system's.
    "platformthemes": ("xdgdesktopportal",),
    "platforminputcontexts": None,
    "imageformats": ("svg", "jpeg", "gif", "ico", "icns"),
    "iconengines": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "styles": None,
}
# Qt translations: the UI is English, so only Qt's own English catalogues would apply (none ship).
QT_TRANSLATIONS_KEEP = ("_en.qm",)
# Shared libraries that only the dropped plugins or excluded modules need (QtTest stays: the
# frozen --self-test drives the window with QTest).
DROP_LIBRARIES = re.compile(
    r"libQt6(EglFs|Qml|Quick|Designer|Help|Pdf|Sql|OpenGLWidgets|WaylandCompositor"
    r"|WlShell|Labs|Lottie|VirtualKeyboard|ShaderTools)", re.IGNORECASE)

# Library data the app never reads. pycountry's locales/ are gettext catalogues of country names
# (22 MB; we show our own short names, desktop/labels.py). babel is only reached through courlan's
# URL language filter, which trafilatura uses for sitemaps, never for extraction: keep its root
# locale and the languages the extractor knows, so a stray call still works for them (35 MB -> ~3 MB).
BABEL_LOCALES = ("root", "en", "ru", "uk", "be", "de", "fr", "es", "it", "pl", "pt", "nl")
DROP_DATA = re.compile(r"(^|/)pycountry/locales/")

# macOS document types: every format the importer reads (index/ingest/readers, plus zip archives,
# which discovery opens). tests/test_packaging.py checks this against READERS.
DOCUMENT_TYPES = (
    ("Plain text", ("txt", "text"), ("public.plain-text",)),
    ("Markdown", ("md", "markdown"), ("net.daringfireball.markdown",)),
    ("HTML page", ("html", "htm", "xhtml"), ("public.html", "public.xhtml")),
    ("E-mail message", ("eml",), ("com.apple.mail.email",)),
    ("Mailbox", ("mbox",), ("public.mbox",)),
    ("PDF document", ("pdf",), ("com.adobe.pdf",)),
    ("Word document", ("docx",), ("org.openxmlformats.wordprocessingml.document",)),
    ("News feed", ("xml", "rss", "atom"), ("public.xml",)),
    ("JSON articles", ("json", "jsonl", "ndjson"), ("public.json",)),
    ("Zip archive", ("zip",), ("public.zip-archive",)),
)


def read_version(root: Path = ROOT) -> str:
    """The release version, from pyproject.toml (the single place it is written)."""
    with open(root / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four integers for Windows' fixed file version: '1.2.3rc1' -> (1, 2, 3, 0)."""
    parts = [int(m.group()) if (m := re.match(r"\d+", p)) else 0 for p in version.split(".")[:4]]
    return tuple((parts + [0, 0, 0, 0])[:4])


def windows_version_text(version: str) -> str:
    """A PyInstaller version file (VSVersionInfo source) for the Windows executable."""
    v = version_tuple(version)
    strings = {
        "CompanyName": DISPLAY_NAME, "FileDescription": f"{DISPLAY_NAME} media monitoring",
        "FileVersion": version, "InternalName": APP_NAME, "LegalCopyright": DISPLAY_NAME,
        "OriginalFilename": f"{APP_NAME}.exe", "ProductName": DISPLAY_NAME, "ProductVersion": version,
    }
    entries = ",\n          ".join(f"StringStruct({k!r}, {s!r})" for k, s in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
          {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def info_plist(version: str) -> dict:
    """Info.plist entries of the macOS .app: identity, version and the files it opens."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "12.0",
        "NSRequiresAquaSystemAppearance": False,
        "CFBundleDocumentTypes": [
            {"CFBundleTypeName": name, "CFBundleTypeRole": "Viewer", "LSHandlerRank": "Alternate",
             "CFBundleTypeExtensions": list(exts), "LSItemContentTypes": list(utis)}
            for name, exts, utis in DOCUMENT_TYPES
        ],
    }


def keep_file(dest: str) -> bool:
    """False for files (Qt plugins, translations, libraries, data) the app never loads."""
    p = dest.replace("\\", "/")
    if DROP_DATA.search(p):
        return False
    m = re.search(r"(^|/)babel/locale-data/([^/]+)\.dat$", p)
    if m:
        return m.group(2) in BABEL_LOCALES
    if re.search(r"PySide6/(Qt/)?translations/", p):     # Linux/macOS wheels have Qt/, Windows not
        return p.endswith(QT_TRANSLATIONS_KEEP)
    if DROP_LIBRARIES.search(p.rsplit("/", 1)[-1]):
        return False
    m = re.search(r"/plugins/([^/]+)/([^/]+)$", p)
    if not m or "PySide6" not in p:
        return True
    folder, name = m.groups()
    if folder not in QT_PLUGINS_KEEP:
        return False
    wanted = QT_PLUGINS_KEEP[folder]
    return wanted is None or any(w in name for w in wanted)
