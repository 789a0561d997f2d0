#!/bin/sh
# Xvfb smoke test for ksim-gui: real GL (Mesa llvmpipe), scripted input, screenshots, exit 0,
# PNGs not blank. Skips (exit 77, CTest SKIP_RETURN_CODE) only when xvfb-run is absent.
# usage: xvfb_smoke.sh <ksim-gui> <png_check> <source dir> <output dir>
set -eu
gui=$1; check=$2; src=$3; out=$4
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIPPED: xvfb-run is not installed (apt-get install xvfb xauth)"; exit 77
fi
mkdir -p "$out"; rm -f "$out"/*.png
scenario="$src/scenarios/tweets.lua"
[ -f "$scenario" ] || scenario="--fixture tweets"
cat > "$out/smoke.ui" <<UI
wait 10
key space
wait 60
screenshot $out/playing.png
key tab
key k
wait 30
key ?
wait 5
screenshot $out/help.png
key escape
key f5
wait 10
UI
export LIBGL_ALWAYS_SOFTWARE=1
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1280x800x24" "$gui" $scenario --frames 150 --speed 10 \
  --ui-script "$out/smoke.ui" --screenshot "$out/final.png" --exit-when-done
# --at (teaching-features item 30): open at a checkpoint; an unknown one exits 2 before any
# window opens, naming the checkpoints there are.
pngs="$out/playing.png $out/help.png $out/final.png"
if [ -f "$src/scenarios/tweets.lua" ]; then
  xvfb-run -a -s "-screen 0 1280x800x24" "$gui" "$src/scenarios/tweets.lua" \
    --at checkpoint:after-crash --frames 20 --screenshot "$out/at.png" --exit-when-done
  pngs="$pngs $out/at.png"
  rc=0
  "$gui" "$src/scenarios/tweets.lua" --at checkpoint:nope 2>"$out/at_error.txt" || rc=$?
  [ "$rc" -eq 2 ] || { echo "FAIL: --at checkpoint:nope exited $rc, not 2"; exit 1; }
  grep -q "no checkpoint 'nope' (checkpoints: stable, after-crash)" "$out/at_error.txt" ||
    { echo "FAIL: --at error:"; cat "$out/at_error.txt"; exit 1; }
fi
# shellcheck disable=SC2086
"$check" $pngs
