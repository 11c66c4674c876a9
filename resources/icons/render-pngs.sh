#!/usr/bin/env bash
# Renders the application icon from opsdeck.svg in the sizes each OS asks for:
# every application size of the freedesktop hicolor theme (16-512), a Windows
# .ico (16-256) and a macOS .icns (up to 1024). Run after changing the SVG;
# needs rsvg-convert (librsvg2-bin), icotool (icoutils) and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 22 24 32 36 48 64 72 96 128 192 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" opsdeck.svg -o "opsdeck-$size.png"
done
# Windows: one .ico with the sizes Explorer and the task bar use (icoutils' icotool).
icotool -c -o opsdeck.ico opsdeck-16.png opsdeck-24.png opsdeck-32.png opsdeck-48.png opsdeck-64.png -r opsdeck-256.png
# macOS: an .icns for the bundle (icnsutils' png2icns).
png2icns opsdeck.icns opsdeck-16.png opsdeck-32.png opsdeck-48.png opsdeck-128.png opsdeck-256.png opsdeck-512.png opsdeck-1024.png >/dev/null
