#!/usr/bin/env bash
# Installs the .deb that `make package` built, checks what it put on the system, starts the
# installed binary under Xvfb until its window is up, then removes the package again.
# Usage: tests/package/check-deb.sh PATH.deb VERSION
set -euo pipefail

deb=$1
version=$2
fail() { echo "check-deb: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

[ -f "$deb" ] || fail "no package at $deb"
echo "check-deb: $(basename "$deb"), $(du -h "$deb" | cut -f1)"

# The package's own description: name, version from Cargo.toml, dependencies.
[ "$(dpkg-deb -f "$deb" Package)" = teamlead ] || fail "the package is not named teamlead"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), not $version"
dpkg-deb -f "$deb" Depends | grep -q libwebkit2gtk-4.1 || fail "no dependency on WebKitGTK"

as_root dpkg -i "$deb" >/dev/null || {
  # Missing dependencies: let apt bring them, then the package is configured.
  as_root apt-get install -f -y -qq --no-install-recommends >/dev/null
}
trap 'as_root dpkg -r teamlead >/dev/null 2>&1 || true' EXIT

files=$(dpkg -L teamlead)
for want in /usr/bin/teamlead /usr/share/applications/Teamlead.desktop \
  /usr/share/icons/hicolor/128x128/apps/teamlead.png; do
  grep -qx "$want" <<<"$files" || fail "the package does not install $want"
done
desktop=/usr/share/applications/Teamlead.desktop
grep -qx 'Exec=teamlead' "$desktop" || fail "the desktop entry does not start teamlead: $(cat "$desktop")"
grep -qx 'Icon=teamlead' "$desktop" || fail "the desktop entry has no icon"
grep -qx 'Name=Teamlead' "$desktop" || fail "the desktop entry is not named Teamlead"

[ "$(/usr/bin/teamlead --version)" = "teamlead $version" ] || fail "--version says $(/usr/bin/teamlead --version)"

# Start the installed app on a fresh data dir under its own X server, until its window shows.
data=$(mktemp -d)
display=":$(( 200 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  kill "$app" "$xvfb" 2>/dev/null || true
  wait "$app" "$xvfb" 2>/dev/null || true
  rm -rf "$data"
  as_root dpkg -r teamlead >/dev/null 2>&1 || true
}
app=
trap cleanup EXIT
sleep 1
DISPLAY=$display /usr/bin/teamlead --data-dir "$data" --demo-if-empty >"$data/out.txt" 2>&1 &
app=$!
shown=
for _ in $(seq 1 120); do
  kill -0 "$app" 2>/dev/null || fail "the installed app exited: $(cat "$data/out.txt")"
  if DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '"Teamlead"'; then shown=yes; break; fi
  sleep 0.5
done
[ -n "$shown" ] || fail "no Teamlead window within 60 s: $(cat "$data/out.txt")"
[ -s "$data/teamlead.sqlite3" ] || fail "the app did not create its database"
grep -q "database opened, schema version" "$data/logs/teamlead.log" || fail "the app did not open its database"
echo "check-deb: installed, started and showed its window; removed again"
