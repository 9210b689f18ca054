#!/usr/bin/env bash
# Benchmark: times ourplan on many plans, stage by stage, beside the tools a team would use
# instead, so the figures in the notes can be measured again. Speed is only measured here,
# never asserted in a test; tests/bench/same-output.sh shows a speed change changes no output.
#
#     bash tests/bench/run.sh [SIZES...]        # default: 100 1000 5000
#
# BIN=path/to/ourplan uses that binary (else the release one is built). PEERS=0 leaves out
# the peers; PEER_PLANS (default 100) and PDF_PLANS (default 10) say how many plans they get.
# BUILD_MAX=N times only check for sizes over N plans (builds of 5,000 plans take minutes).
# PYTHON=path/to/python runs the Python peers with that one (a venv with `pip install -r
# tests/bench/requirements.txt`); check-jsonschema is taken from the PATH (the venv's bin).
#
# For each size it makes that many plans by copying the example plans under new names (every
# line of prose gets a word of its own, so no two plans share a paragraph: typst reuses layout
# it has done before), then prints wall-clock seconds, milliseconds a plan and peak memory for:
#   check             ourplan check with no page memo (a fresh clone, a first run), with the
#                     time of each stage (OURPLAN_TIMINGS=1: read, parse, shape, rules,
#                     language, card layout), and the floor: check's CPU time against reading
#                     and parsing the YAML alone, measured in the same run
#   check again       the same check with the page memo the first one left: no crisis card
#                     is laid out again (a second run, or CI with the memo in its cache)
#   html              build --format html, from nothing
#   no change         the same build again: every plan is unchanged and skipped
#   default           build from nothing with each plan's own formats (HTML, the PDFs the
#                     person asked for, the copies for the people they share with), with the
#                     time of each stage (views, HTML, typst compile, PDF export, writing)
# Then, once, the peers on the same inputs, and each ratio:
#   check-jsonschema  (PyPI) against `ourplan schema`, on PEER_PLANS plans, beside ourplan check
#   PyYAML (libyaml)  merely parsing the same PEER_PLANS files
#   PDFs              PDF_PLANS plans, large print and easy read, on one core: ourplan's whole
#                     process a PDF; typst's own compile + export inside it; and the `typst`
#                     PyPI package compiling the same templates and data (dumped with
#                     OURPLAN_DUMP_TYPST) in a warm loop (tests/bench/typst_peer.py)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 1000 5000)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ourplan-target}"
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --locked --quiet
  BIN="$CARGO_TARGET_DIR/release/ourplan"
fi
bin="$(realpath "$BIN")"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The page memo of crisis cards is the bench's own, never the user's.
export OURPLAN_CACHE_DIR="$work/cache"
today="$(date +%F)"
examples=(plans/*.yaml)

# make_plans N DIR: N plans in DIR/plans, with the default settings.
make_plans() {
  local n="$1" dir="$2"
  rm -rf "$dir"
  mkdir -p "$dir/plans"
  cp "$root/tests/fixtures/ourplan.toml" "$dir/"
  for ((i = 0; i < n; i++)); do
    local src="${examples[i % ${#examples[@]}]}"
    sed -E "s/^(\s*(- )?([a-z_]+: )?)([A-Z][^\"#:]* [^\"#:]*[a-z.!?])\$/\1\4 plan$i/" \
      "$src" >"$dir/plans/$(basename "$src" .yaml)-$i.yaml"
  done
}

# measure LABEL PLANS CMD...: runs CMD in $dir, prints "label  seconds  ms a plan  peak MB"
# and keeps its standard error in $dir/err (exit status 1 is allowed: a plan may have
# warnings or dates that have passed). Sets last_secs and last_cpu.
measure() {
  local label="$1" plans="$2"
  shift 2
  local stats="$work/stats"
  (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >/dev/null 2>"$dir/err") || true
  read -r secs user sys kb <"$stats"
  last_secs="$secs"
  last_cpu="$(echo "$user + $sys" | bc -l)"
  printf '%-16s %8.2f s %9.2f ms a plan %7d MB peak  (cpu %.2f s)\n' "$label" "$secs" \
    "$(echo "$secs * 1000 / $plans" | bc -l)" "$((kb / 1024))" "$last_cpu"
}

# The stage table from $dir/err, indented.
stages() {
  grep '^timings:' "$dir/err" | sed 's/^timings: /    /' || true
}

# The CPU milliseconds of stage NAME in $dir/err (0 when it did not run).
stage_ms() {
  grep "^timings: $1 " "$dir/err" | awk '{print $(NF-2)}' | head -1 | grep . || echo 0
}

# The same stage's time on the clock (on one core, what it took).
stage_clock() {
  grep "^timings: $1 " "$dir/err" | awk '{print $NF}' | head -1 | grep . || echo 0
}

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

echo "ourplan $("$bin" --version | cut -d' ' -f2), $(nproc) cores, sizes: ${sizes[*]}"
for n in "${sizes[@]}"; do
  dir="$work/p$n"
  make_plans "$n" "$dir"
  echo
  echo "== $n plans ($(du -sh "$dir/plans" | cut -f1) of YAML)"
  rm -rf "$OURPLAN_CACHE_DIR"
  for run in "check" "check again"; do
    measure "$run" "$n" env OURPLAN_TIMINGS=1 "$bin" check --today "$today" plans
    stages
    floor="$(echo "$(stage_ms read) + $(stage_ms 'parse (YAML)')" | bc -l)"
    check_cpu="$(echo "$last_cpu * 1000" | bc -l)"
    echo "  $run: CPU time $(ratio "$check_cpu" "$floor")x reading and parsing the YAML alone ($(printf '%.0f' "$floor") ms of CPU, in the same run); target at most 3x"
  done
  if [[ -n "${BUILD_MAX:-}" && "$n" -gt "$BUILD_MAX" ]]; then
    rm -rf "$dir"
    continue
  fi
  # Builds from nothing start with no page memo too: their check lays the cards out.
  rm -rf "$OURPLAN_CACHE_DIR"
  measure "html" "$n" "$bin" build --format html --today "$today" --out out plans
  measure "no change" "$n" "$bin" build --format html --today "$today" --out out plans
  rm -rf "$dir/out" "$OURPLAN_CACHE_DIR"
  measure "default" "$n" env OURPLAN_TIMINGS=1 "$bin" build --today "$today" --out out plans
  stages
  pdfs="$(find "$dir/out" -name '*.pdf' | wc -l)"
  echo "  default build made $pdfs PDFs and $(find "$dir/out" -name 'index.html' | wc -l) web pages"
  rm -rf "$dir"
done

[[ "${PEERS:-1}" == 0 ]] && exit 0
echo
echo "== peers"
pn="${PEER_PLANS:-100}"
dir="$work/peer"
make_plans "$pn" "$dir"
measure "ourplan check" "$pn" "$bin" check --no-cache --today "$today" plans
ours="$last_secs"
"$bin" schema >"$work/schema.json"
if command -v check-jsonschema >/dev/null; then
  measure "check-jsonschema" "$pn" check-jsonschema --schemafile "$work/schema.json" $(cd "$dir" && ls plans/*.yaml)
  echo "  check-jsonschema takes $(ratio "$last_secs" "$ours")x as long as ourplan check (which does far more)"
else
  echo "check-jsonschema: not installed (pip install check-jsonschema)"
fi
measure "PyYAML parse" "$pn" "$python" -c '
import sys, yaml
for f in sys.argv[1:]:
    yaml.load(open(f, encoding="utf-8"), Loader=yaml.CSafeLoader)' $(cd "$dir" && ls plans/*.yaml)
echo "  ourplan check takes $(ratio "$ours" "$last_secs")x the time PyYAML (libyaml) takes merely to parse the same files"

pp="${PDF_PLANS:-10}"
dir="$work/pdf"
make_plans "$pp" "$dir"
rm -rf "$OURPLAN_CACHE_DIR"
measure "ourplan PDFs" "$pp" env OURPLAN_TIMINGS=1 taskset -c 0 \
  "$bin" build --format large-print,easy-read --today "$today" --out out plans
stages
pdfs="$(find "$dir/out" -name '*.pdf' | wc -l)"
whole="$(echo "$last_secs * 1000 / $pdfs" | bc -l)"
inside="$(echo "($(stage_clock 'typst compile') + $(stage_clock 'PDF export')) / $pdfs" | bc -l)"
printf '  %d PDFs: %.1f ms a PDF for the whole process; typst compile + export inside it %.1f ms a PDF (%.2fx; target at most 1.1x)\n' \
  "$pdfs" "$whole" "$inside" "$(ratio "$whole" "$inside")"
if "$python" -c 'import typst' 2>/dev/null; then
  # What typst is given, dumped by a second, untimed build (writing the dump is not work a
  # build does, so it is kept out of the timed one).
  dump="$work/dump"
  rm -rf "$dir/out"
  (cd "$dir" && OURPLAN_DUMP_TYPST="$dump" "$bin" build --format large-print,easy-read \
    --today "$today" --out out plans >/dev/null 2>&1) || true
  peer="$(taskset -c 0 "$python" tests/bench/typst_peer.py "$dump")"
  echo "  $peer"
  peer_ms="$(echo "$peer" | awk '{print $(NF-3)}')"
  echo "  the typst package takes $(ratio "$peer_ms" "$whole")x as long a PDF as ourplan's whole process (target at least 2x)"
else
  echo "  typst (PyPI): not installed for $python (pip install typst, or PYTHON=a Python that has it)"
fi
