#!/usr/bin/env bash
# What the packages are made of: installs the build into a fresh prefix (as cpack
# does) and checks what a desktop and a user look for there. The desktop entry and
# the AppStream metadata must pass their validators; the icon must come in every
# application size of the freedesktop hicolor theme; both programs must say the
# project's version.
#   check_install_tree.sh BUILD_DIR PROJECT_VERSION
set -euo pipefail
build=${1:?build dir}
version=${2:?project version}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null

desktop=$prefix/share/applications/io.opsdeck.OpsDeck.desktop
metainfo=$prefix/share/metainfo/io.opsdeck.OpsDeck.metainfo.xml
[ -f "$desktop" ] || fail "no desktop entry"
[ -f "$metainfo" ] || fail "no AppStream metadata"
desktop-file-validate "$desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$metainfo" || fail "appstreamcli validate"

icons=$prefix/share/icons/hicolor
[ -f "$icons/scalable/apps/io.opsdeck.OpsDeck.svg" ] || fail "no scalable icon"
# The application directories of hicolor's index.theme (the hicolor-icon-theme package).
for size in 16 22 24 32 36 48 64 72 96 128 192 256 512; do
  png=$icons/${size}x${size}/apps/io.opsdeck.OpsDeck.png
  [ -f "$png" ] || fail "no ${size}x${size} icon"
  # A PNG's width and height are big-endian at bytes 16-23 of its IHDR.
  read -r w h < <(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  [ "$w" = "$size" ] && [ "$h" = "$size" ] || fail "the ${size}x${size} icon is ${w}x${h}"
done

[ "$("$prefix/bin/opsdeck-cli" --version)" = "opsdeck-cli $version" ] || fail "opsdeck-cli --version is not $version"
QT_QPA_PLATFORM=offscreen "$prefix/bin/opsdeck" --version | grep -qx "opsdeck $version" \
  || fail "opsdeck --version is not $version: $(QT_QPA_PLATFORM=offscreen "$prefix/bin/opsdeck" --version)"
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo's release is not $version"
echo "install tree: desktop entry and metainfo valid, icons in 13 sizes and scalable, version $version everywhere"
