#!/usr/bin/env bash
# The archive rows of `make bench`: a first render of an export into a fresh
# folder, a second render into the same folder with the input unchanged, and a
# render of the export plus new sessions (gen_corpus.py --seed 2, arrays
# concatenated by tools/concat-exports.py). Checks, with find -newer, that the
# unchanged rerun writes nothing and the grown run writes exactly the new
# sessions' reports, and that the index lists every session.
#
#   tools/bench-archive.sh [--size 1G] [--add 50M]
#
# Env: NOC_REPORT_CMD (default .build/release/noc-report), NOC_BENCH_CACHE,
#      NOC_GEN_CORPUS (default ../shared/bench/gen_corpus.py).
set -euo pipefail
SIZE=1G; ADD=50M
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --add) ADD="$2"; shift 2 ;;
    *) echo "bench-archive: unknown argument $1" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${NOC_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/noc-report-bench}"
GEN="${NOC_GEN_CORPUS:-$ROOT/../shared/bench/gen_corpus.py}"
NOC="${NOC_REPORT_CMD:-$ROOT/.build/release/noc-report}"
PY=python3; [ -x "$CACHE/venv/bin/python" ] && PY="$CACHE/venv/bin/python"
mkdir -p "$CACHE/corpus" "$CACHE/out"
log() { echo "bench-archive: $*" >&2; }

corpus() {  # corpus SEED SIZE -> path (generated once, cached like run-bench's)
  local c="$CACHE/corpus/seed$1-$2-array.json"
  if [ ! -e "$c" ]; then
    log "generating $c"
    "$PY" "$GEN" --size "$2" --format array --seed "$1" --out "$c.tmp" >&2
    mv "$c.tmp" "$c"
  fi
  echo "$c"
}
BASE="$(corpus 1 "$SIZE")"
NEW="$(corpus 2 "$ADD")"
GROWN="$CACHE/corpus/seed1-$SIZE+seed2-$ADD-array.json"
[ -e "$GROWN" ] || "$PY" "$ROOT/tools/concat-exports.py" "$GROWN" "$BASE" "$NEW"
OUT="$CACHE/out/archive-$$"
rm -rf "$CACHE"/out/archive-*; mkdir -p "$OUT"
cat "$BASE" "$GROWN" > /dev/null   # warm the page cache, as run-bench does

timed() {  # timed INPUT -> wall seconds of one render into $OUT
  local t0 t1 rc=0
  t0="$(date +%s%N)"
  "$NOC" render "$1" -o "$OUT" > /dev/null 2> "$CACHE/out/archive-stderr.txt" || rc=$?
  t1="$(date +%s%N)"
  [ "$rc" -le 1 ] || { log "render failed (exit $rc):"; tail -5 "$CACHE/out/archive-stderr.txt" >&2; exit 1; }
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
entries() { "$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["entries"]))' "$OUT/index.json"; }
MARK="$CACHE/out/archive-marker"

first="$(timed "$BASE")"; before="$(entries)"
touch "$MARK"; sleep 0.05
rerun="$(timed "$BASE")"
changed="$(find "$OUT" -newer "$MARK" | wc -l)"
touch "$MARK"; sleep 0.05
grown="$(timed "$GROWN")"; after="$(entries)"
written="$(find "$OUT" -newer "$MARK" -type f -name '*.html' ! -name 'index*' | wc -l)"
listed="$(cat "$OUT"/index*.html | grep -o 'class="title-link" href="[^"]*"' | sort -u | wc -l)"
tail -1 "$CACHE/out/archive-stderr.txt" >&2
rm -rf "$OUT"

printf '%-34s %10s %8s\n' "archive run ($SIZE export)" "wall s" "x first"
printf '%-34s %10.3f %8s\n' "first render, fresh folder" "$first" "1.00"
printf '%-34s %10.3f %8.2f\n' "second render, input unchanged" "$rerun" "$(awk -v a="$rerun" -v b="$first" 'BEGIN { print a / b }')"
printf '%-34s %10.3f %8.2f\n' "render of export + $ADD new" "$grown" "$(awk -v a="$grown" -v b="$first" 'BEGIN { print a / b }')"
echo "unchanged rerun: $changed paths changed (find -newer; 0 expected)"
echo "+$ADD: $((after - before)) new sessions, $written report pages written, index lists $listed of $after sessions"
status=0
[ "$changed" -eq 0 ] || { log "the unchanged rerun changed $changed paths"; status=1; }
[ "$written" -eq "$((after - before))" ] || { log "the grown run wrote $written reports for $((after - before)) new sessions"; status=1; }
[ "$listed" -eq "$after" ] || { log "index.html lists $listed of $after sessions"; status=1; }
exit $status
