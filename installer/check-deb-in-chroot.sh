#!/usr/bin/env bash
# Installs the .deb on a bare Debian 12 the way a user would, and checks that the
# programs run from the installed paths:
#   1. debootstrap --variant=minbase bookworm (kept in a cache, copied fresh for
#      each check, so nothing a previous check installed is there);
#   2. apt install ./opsdeck_*.deb: apt resolves every dependency, nothing else is added;
#   3. opsdeck-cli --version, and opsdeck started offscreen until it paints its
#      first window (a screenshot is taken and checked);
#   4. the desktop entry, the metainfo and the icons are where the desktop looks;
#   5. the .ddeb beside the .deb holds the symbols of both programs, by build id.
# Needs root, debootstrap and the network (a Debian mirror). Usage:
#   installer/check-deb-in-chroot.sh build/release/opsdeck_<version>_amd64.deb
# OPSDECK_CHROOT_CACHE sets where the bare system is kept (default /var/tmp).
set -euo pipefail
deb=$(realpath "${1:?usage: $0 path/to/opsdeck_<version>_<arch>.deb}")
ddeb=$(ls "$(dirname "$deb")"/opsdeck-dbgsym_*.ddeb 2>/dev/null | head -1 || true)
mirror=${OPSDECK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${OPSDECK_CHROOT_CACHE:-/var/tmp}/opsdeck-bookworm-minbase
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt install debootstrap)"

if [ ! -x "$cache/usr/bin/apt-get" ]; then
  echo "check-deb: debootstrap --variant=minbase bookworm into $cache"
  rm -rf "$cache.partial"
  debootstrap --variant=minbase bookworm "$cache.partial" "$mirror" >/dev/null
  mv "$cache.partial" "$cache"
fi

root=$(mktemp -d /var/tmp/opsdeck-check-deb.XXXXXX)
cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf "$root"
}
trap cleanup EXIT
cp -a "$cache/." "$root/"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t sysfs sys "$root/sys"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

before=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "check-deb: apt install ./$(basename "$deb") on a bare bookworm ($before packages)"
in_root apt-get update -q >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" > "$root/tmp/apt.log" 2>&1 \
  || { tail -20 "$root/tmp/apt.log"; fail "apt could not install the package"; }
after=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
echo "check-deb: installed, with $((after - before - 1)) dependencies apt chose"

version=$(in_root opsdeck-cli --version) || fail "opsdeck-cli --version did not run"
expected=$(dpkg-deb -f "$deb" Version)
[ "$version" = "opsdeck-cli $expected" ] || fail "opsdeck-cli says '$version', the package is $expected"
echo "check-deb: $version"

in_root env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=/tmp/xdg-config XDG_DATA_HOME=/tmp/xdg-data \
  XDG_RUNTIME_DIR=/tmp opsdeck --quit-after 3000 --screenshot /tmp/first-window.png > "$root/tmp/gui.log" 2>&1 \
  || { cat "$root/tmp/gui.log"; fail "opsdeck did not start offscreen"; }
[ -s "$root/tmp/first-window.png" ] || { cat "$root/tmp/gui.log"; fail "opsdeck painted no window"; }
echo "check-deb: opsdeck started offscreen and painted its first window"

for f in usr/share/applications/io.opsdeck.OpsDeck.desktop usr/share/metainfo/io.opsdeck.OpsDeck.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.opsdeck.OpsDeck.svg usr/share/icons/hicolor/48x48/apps/io.opsdeck.OpsDeck.png \
         usr/share/man/man1/opsdeck.1.gz usr/share/man/man1/opsdeck-cli.1.gz usr/share/doc/opsdeck/README.md; do
  [ -e "$root/$f" ] || [ -e "$root/${f%.gz}" ] || fail "/$f is not installed"
done
for program in opsdeck opsdeck-cli; do
  file=$root/usr/bin/$program
  if LC_ALL=C readelf -S "$file" | grep -q '\.debug_info'; then fail "$program is installed with its debug information"; fi
done
echo "check-deb: desktop entry, metainfo, icons, man pages and docs in place; binaries stripped"

if [ -n "$ddeb" ]; then
  listing=$(dpkg-deb -c "$ddeb")
  for program in opsdeck opsdeck-cli; do
    id=$(LC_ALL=C readelf -n "$root/usr/bin/$program" | sed -n 's/.*Build ID: //p')
    echo "$listing" | grep -q "usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug" \
      || fail "$(basename "$ddeb") has no symbols for $program (build id $id)"
  done
  echo "check-deb: $(basename "$ddeb") holds both programs' symbols by build id"
else
  fail "no opsdeck-dbgsym_*.ddeb beside the .deb"
fi
echo "check-deb: PASS"
