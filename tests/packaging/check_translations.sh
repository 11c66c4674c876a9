#!/usr/bin/env bash
# Simplified Chinese is complete: lupdate run over the sources into a copy of
# translations/opsdeck_zh_CN.ts must leave no message unfinished, whether one
# was never translated or is new in the sources (missing from the file).
#   check_translations.sh LUPDATE SOURCE_DIR
set -euo pipefail
lupdate=${1:?lupdate}
src=${2:?source dir}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$src/translations/opsdeck_zh_CN.ts" "$work/zh_CN.ts"
# The same files the build's lupdate target reads (app/CMakeLists.txt).
files=$(cd "$src" && ls app/*.cpp ui/*.cpp ui/*/*.cpp models/*.cpp widgets/*.cpp core/dashboards/dashboard_spec.cpp)
(cd "$src" && "$lupdate" -silent -locations none -I ui -I models -I widgets -I core $files -ts "$work/zh_CN.ts" 2>"$work/lupdate.log") || { cat "$work/lupdate.log" >&2; exit 1; }
unfinished=$(grep -c 'type="unfinished"' "$work/zh_CN.ts" || true)
if [ "$unfinished" != 0 ]; then
  echo "FAIL: $unfinished messages of zh_CN are unfinished or missing:" >&2
  python3 - "$work/zh_CN.ts" <<'PY' >&2
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
for m in re.finditer(r'<message[^>]*>(.*?)</message>', s, re.S):
    if 'type="unfinished"' in m.group(1):
        print('  ' + re.search(r'<source>(.*?)</source>', m.group(1), re.S).group(1))
PY
  exit 1
fi
total=$(grep -c '<message' "$work/zh_CN.ts")
echo "zh_CN: all $total messages translated"
