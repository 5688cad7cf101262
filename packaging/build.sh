#!/usr/bin/env bash
# Builds the Mediawatch bundle with PyInstaller and proves it stands alone.
#   bash packaging/build.sh            one folder: dist/mediawatch/mediawatch
#   bash packaging/build.sh --onefile  one file:   dist/mediawatch (or MEDIAWATCH_ONEFILE=1)
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
  run() {
    (cd "$work/run" && env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
        TMPDIR="$work" QT_QPA_PLATFORM=offscreen "$APP" "$@")
  }
  echo "== frozen self-test"
  run --self-test
  echo "== frozen CLI import"
  run import --library "$work/library" "$work/seeds"
  echo "== frozen CLI search"
  run search --library "$work/library" Putin --json > "$work/search.json"
  "$PY" - "$work/search.json" <<'PYEOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
total = data.get("total", len(data.get("hits", []))) if isinstance(data, dict) else len(data)
if not total:
    sys.exit("build.sh: the frozen search for Putin found nothing in the imported seeds")
print(f"search Putin: {total} hit(s)")
PYEOF
fi

if [ "$ONEFILE" = "1" ]; then size=$(du -sh "$APP" | cut -f1); else size=$(du -sh dist/mediawatch | cut -f1); fi
echo "== build time: ${build_seconds}s; bundle size: $size ($APP)"
