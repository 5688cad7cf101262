#!/usr/bin/env bash
# Installs the Debian libraries Qt needs when they are missing, python3-venv when venv is broken,
# and Debian's PostgreSQL server binaries (the team library's tests start a throwaway server).
# Called by the Makefile before anything else; does nothing on a machine that already has them.
# Usage: tools/ensure-system.sh PYTHON [venv|qt|postgresql]
set -u
PY=${1:-python3}
what=${2:-qt}

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
fi

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-system: apt-get not found; please install: $*" >&2
    return 1
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "$what" = "venv" ]; then
  tmp=$(mktemp -d)
  if ! "$PY" -m venv "$tmp/v" >/dev/null 2>&1; then
    ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    echo "ensure-system: python venv is missing, installing python${ver}-venv" >&2
    apt_install "python${ver}-venv" || apt_install python3-venv
  fi
  rm -rf "$tmp"
  exit 0
fi

if [ "$what" = "postgresql" ]; then
  if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
  fi
  echo "ensure-system: PostgreSQL is missing, installing Debian's postgresql (team library tests)" >&2
  # Only the binaries: no system-wide cluster listening on port 5432 (the tests make their own).
  if [ -w /etc ] || [ -n "$SUDO" ]; then
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/mediawatch.conf >/dev/null
  fi
  apt_install postgresql postgresql-contrib || true
  if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
  fi
  echo "ensure-system: PostgreSQL could not be installed (the team library's tests will be skipped)" >&2
  exit 1
fi

# Qt: try the real thing offscreen; install the shared libraries only if it fails.
QT_CHECK='import os; os.environ["QT_QPA_PLATFORM"]="offscreen"
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([]); QLabel("x").grab()'
if "$PY" -c "$QT_CHECK" >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-system: Qt cannot start, installing the system libraries it needs" >&2
apt_install libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 \
  libglib2.0-0 libdbus-1-3 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 \
  libxcb-xfixes0 libxcb-sync1 libxrender1 libxi6 libsm6 libice6 fonts-dejavu-core || true
if ! "$PY" -c "$QT_CHECK"; then
  echo "ensure-system: Qt still cannot start offscreen (see the error above)" >&2
  exit 1
fi
