#!/usr/bin/env sh
# Adds the unpacked Mediawatch bundle to the desktop menu of the current user (no root needed):
# a launcher in ~/.local/bin, the .desktop entry and the icon set in hicolor.
#   ./install-linux.sh            install (run from inside the unpacked mediawatch/ folder)
#   ./install-linux.sh --remove   undo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
ICONS=$HERE/_internal/resources/icons/app

if [ "${1:-}" = "--remove" ]; then
  rm -f "$BIN/mediawatch" "$DATA/applications/mediawatch.desktop"
  rm -f "$DATA"/icons/hicolor/*/apps/mediawatch.png "$DATA/icons/hicolor/scalable/apps/mediawatch.svg"
  echo "Mediawatch removed from the menu (the folder $HERE is untouched)."
  exit 0
fi

[ -x "$HERE/mediawatch" ] || { echo "install-linux.sh: run me from the unpacked mediawatch folder" >&2; exit 1; }
mkdir -p "$BIN" "$DATA/applications"
ln -sf "$HERE/mediawatch" "$BIN/mediawatch"
for png in "$ICONS"/mediawatch-*.png; do
  [ -e "$png" ] || continue
  size=$(basename "$png" .png); size=${size#mediawatch-}
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/mediawatch.png"
done
if [ -e "$ICONS/mediawatch.svg" ]; then
  mkdir -p "$DATA/icons/hicolor/scalable/apps"
  cp "$ICONS/mediawatch.svg" "$DATA/icons/hicolor/scalable/apps/mediawatch.svg"
fi
# Absolute paths: the menu must work even when ~/.local/bin is not on the session's PATH.
sed -e "s#^Exec=.*#Exec=$HERE/mediawatch %F#" -e "s#^TryExec=.*#TryExec=$HERE/mediawatch#" \
  "$HERE/mediawatch.desktop" > "$DATA/applications/mediawatch.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "Mediawatch added to the menu; \`mediawatch\` runs it from a terminal if ~/.local/bin is on PATH."
