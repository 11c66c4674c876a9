#!/usr/bin/env bash
# Renders the application icon's PNGs from opsdeck.svg, in the sizes each OS
# asks for (Linux hicolor 16-512, Windows .ico sizes 16-256, macOS iconsets up to
# 1024). Run after changing the SVG; needs rsvg-convert (Debian's librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 22 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" opsdeck.svg -o "opsdeck-$size.png"
done
