#!/usr/bin/env bash
# Builds the Mediawatch bundle with PyInstaller and proves it stands alone.
#   bash packaging/build.sh            one folder: dist/mediawatch/mediawatch
#   bash packaging/build.sh --onefile  one file:   dist/mediawatch (or MEDIAWATCH_ONEFILE=1)
#   bash packaging/build.sh --archive  also pack the release archive dist/mediawatch-VERSION-OS-ARCH.*
#   bash packaging/build.sh --no-check build only
# After building, the frozen app runs its window self-test, a CLI import of seeds/ and a CLI search,
# offscreen, from a temporary folder, with an emptied environment (no PYTHONPATH, HOME=temp).
# Exits non-zero if the build or any check fails. Prints build time and bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=$(command -v python3)

for arg in "$@"; do
  case "$arg" in
    --onefile) export MEDIAWATCH_ONEFILE=1 ;;
    --no-check) NO_CHECK=1 ;;
    --archive) ARCHIVE=1 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
ONEFILE=${MEDIAWATCH_ONEFILE:-0}

case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) EXE_SUFFIX=.exe ;;
  *) EXE_SUFFIX= ;;
esac
if [ "$ONEFILE" = "1" ]; then
  APP="$ROOT/dist/mediawatch$EXE_SUFFIX"
else
  APP="$ROOT/dist/mediawatch/mediawatch$EXE_SUFFIX"
fi

echo "== building with $("$PY" -m PyInstaller --version 2>/dev/null || echo '?') ($PY)"
start=$(date +%s)
rm -rf build/pyinstaller dist/mediawatch dist/mediawatch.exe dist/Mediawatch.app
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/mediawatch.spec
build_seconds=$(( $(date +%s) - start ))
[ -x "$APP" ] || { echo "build.sh: $APP was not produced" >&2; exit 1; }
if [ "$(uname -s)" = "Linux" ] && [ "$ONEFILE" != "1" ] && command -v strip >/dev/null; then
  # Debug symbols are a sixth of the bundle. The spec cannot strip (PyInstaller strips all or
  # nothing, and stripping the auditwheel-patched libraries in *.libs/ breaks them), so strip here.
  find dist/mediawatch -type f -name '*.so*' -not -path '*.libs/*' -exec strip --strip-unneeded {} + 2>/dev/null || true
fi
if [ "$(uname -s)" = "Linux" ] && [ "$ONEFILE" != "1" ]; then
  # Desktop integration travels inside the folder: the entry, and the script that installs it.
  cp packaging/mediawatch.desktop packaging/install-linux.sh dist/mediawatch/
fi

# Linux: every Qt library and plugin kept must find its Qt dependencies inside the bundle
# (trimming in bundle_contents.py must not cut a library something still links to).
if [ "$(uname -s)" = "Linux" ] && [ "$ONEFILE" != "1" ] && command -v ldd >/dev/null; then
  missing=$(find dist/mediawatch -name '*.so*' -type f -print0 \
    | LD_LIBRARY_PATH="$ROOT/dist/mediawatch/_internal/PySide6/Qt/lib:$ROOT/dist/mediawatch/_internal" \
      xargs -0 -n 50 ldd 2>/dev/null | grep -E 'libQt6|libicu|libpyside|libshiboken' | grep 'not found' | sort -u || true)
  if [ -n "$missing" ]; then
    echo "build.sh: the trimmed bundle lacks libraries:" >&2; echo "$missing" >&2; exit 1
  fi
fi

if [ -z "${NO_CHECK:-}" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/home" "$work/run"
  cp -r seeds "$work/seeds"
  # The environment a fresh desktop session gives an app: no Python, no project, no repo.
  keep=()
  # Windows programs cannot start without these two; they point at the system, not at Python.
  [ -n "$EXE_SUFFIX" ] && keep=(SYSTEMROOT="${SYSTEMROOT:-C:\\Windows}" WINDIR="${WINDIR:-C:\\Windows}")
  run() {
    (cd "$work/run" && env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 ${keep[@]+"${keep[@]}"} \
        TMPDIR="$work" QT_QPA_PLATFORM=offscreen "$APP" "$@")
  }
  echo "== frozen self-test"
  run --self-test
  echo "== frozen CLI import (seeds)"
  run import --library "$work/library" "$work/seeds"
  echo "== frozen CLI import (one article per format)"
  expected=$("$PY" packaging/frozen_samples.py "$work/samples")
  run import --library "$work/library" --json "$work/samples" > "$work/import.json"
  echo "== frozen CLI search"
  run search --library "$work/library" Putin --json > "$work/search.json"
  run search --library "$work/library" Путин --json > "$work/search-ru.json"
  echo "== frozen exports (XLSX of every hit, facet counts, a saved-search briefing as PDF)"
  run search --library "$work/library" Putin --export "$work/putin.xlsx" --export-facets "$work/facets.csv"
  run saved add --library "$work/library" putin Putin > /dev/null
  run saved briefing --library "$work/library" putin --since 2000-01-01 --out "$work/briefing.pdf"
  "$PY" - "$work" "$expected" <<'PYEOF'
import json, sys
from pathlib import Path
work, expected = Path(sys.argv[1]), int(sys.argv[2])
def load(name):
    return json.loads((work / name).read_text(encoding="utf-8"))
report = load("import.json")
problems = [f"{p['path']}: {p['reason']}" for p in report["failed"] + report["skipped"]]
if problems or report["imported"] != expected:
    sys.exit(f"build.sh: frozen import of the format samples: {report['imported']} of {expected} "
             "imported; " + "; ".join(problems))
print(f"imported {report['imported']} format samples, none failed")
english, russian = load("search.json")["total"], load("search-ru.json")["total"]
# the seed + every English sample mention Putin; the cp1251 sample says Путин
if english < expected or russian < 1:
    sys.exit(f"build.sh: frozen search found {english} for Putin (want >= {expected}), {russian} for Путин")
print(f"search Putin: {english} hits, Путин: {russian}")
import openpyxl
rows = list(openpyxl.load_workbook(work / "putin.xlsx")["Results"].iter_rows(values_only=True))
if len(rows) - 1 != english:
    sys.exit(f"build.sh: the frozen export wrote {len(rows) - 1} rows, the search found {english}")
pdf = (work / "briefing.pdf").read_bytes()
if not pdf.startswith(b"%PDF") or b"/Type /Page" not in pdf:
    sys.exit("build.sh: the frozen briefing is not a PDF")
facets = (work / "facets.csv").read_text(encoding="utf-8-sig").splitlines()
print(f"exports: {len(rows) - 1} rows in XLSX, {len(facets) - 1} facet counts, briefing PDF {len(pdf) // 1024} KB")
PYEOF
  if [ -x dist/mediawatch/install-linux.sh ]; then
    echo "== desktop entry install"
    env -i PATH=/usr/bin:/bin HOME="$work/home" sh dist/mediawatch/install-linux.sh
    test -s "$work/home/.local/share/applications/mediawatch.desktop"
    grep -q "^Exec=$ROOT/dist/mediawatch/mediawatch" "$work/home/.local/share/applications/mediawatch.desktop"
  fi
fi

if [ -n "${ARCHIVE:-}" ]; then
  version=$("$PY" -c 'import sys; sys.path.insert(0, "packaging"); import bundle_contents as b; print(b.read_version())')
  arch=$(uname -m)
  case "$(uname -s)" in
    Linux) name="mediawatch-$version-linux-$arch.tar.gz"
           tar -C dist -czf "dist/$name" mediawatch ;;
    Darwin) name="Mediawatch-$version-macos-$arch.zip"
            ditto -c -k --keepParent dist/Mediawatch.app "dist/$name" ;;
    *) name="mediawatch-$version-windows-$arch.zip"
       item=mediawatch; [ "$ONEFILE" = "1" ] && item=mediawatch.exe
       (cd dist && powershell -NoProfile -Command "Compress-Archive -Force -Path $item -DestinationPath $name") ;;
  esac
  echo "== release archive: dist/$name ($(du -sh "dist/$name" | cut -f1))"
fi

if [ "$ONEFILE" = "1" ]; then size=$(du -sh "$APP" | cut -f1); else size=$(du -sh dist/mediawatch | cut -f1); fi
echo "== build time: ${build_seconds}s; bundle size: $size ($APP)"
