#!/usr/bin/env bash
# Benchmark: times ourplan on many plans, so the figures in the notes can be measured again.
#
#     bash tests/bench/run.sh [PLANS]      # default 1000
#
# Makes PLANS plans by copying the example plans under new names into a scratch project,
# builds the release binary, then times (wall clock, and peak memory from /usr/bin/time):
#   check             ourplan check over every plan, language rules on
#   html              build --format html, from nothing
#   no change         the same build again: every plan is unchanged and skipped
#   one changed       one plan edited, build again
#   default           build from nothing with each plan's own formats (HTML plus the PDFs
#                     the person asked for, and the copies for the people they share with)
#   pdf, one core     build --format large-print,easy-read from nothing, on one core
#   pdf, all cores    the same on every core
# It prints a table and the milliseconds per PDF. Speed is only measured here, never asserted
# in a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ourplan-target}"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/ourplan"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plans"
examples=(plans/*.yaml)
for ((i = 0; i < n; i++)); do
  src="${examples[i % ${#examples[@]}]}"
  name="$(basename "$src" .yaml)"
  # Every line of prose gets a word of its own, so no two plans share a paragraph: typst
  # reuses layout it has done before, and identical copies would make PDFs look faster.
  sed -E "s/^(\s*(- )?([a-z_]+: )?)([A-Z][^\"#:]* [^\"#:]*[a-z.!?])\$/\1\4 plan$i/" \
    "$src" >"$work/plans/$name-$i.yaml"
done
today="$(date +%F)"

# Runs "$@" in $work, prints "label  seconds  peak MB" (exit status 1 is allowed: a plan may
# have warnings or dates that have passed).
measure() {
  local label="$1"
  shift
  local stats
  stats="$(mktemp)"
  (cd "$work" && /usr/bin/time -f '%e %M' -o "$stats" "$@" >/dev/null 2>&1) || true
  read -r secs kb <"$stats"
  printf '%-16s %8.2f s %8d MB\n' "$label" "$secs" "$((kb / 1024))"
  rm -f "$stats"
  last_secs="$secs"
}

echo "ourplan $("$bin" --version | cut -d' ' -f2), $n plans, $(nproc) cores"
measure "check" "$bin" check --today "$today" plans
measure "html" "$bin" build --format html --today "$today" --out out plans
measure "no change" "$bin" build --format html --today "$today" --out out plans
sed -i 's/^  preferred_name: \(.*\)$/  preferred_name: \1 /' "$work/plans/$(basename "${examples[0]}" .yaml)-0.yaml"
measure "one changed" "$bin" build --format html --today "$today" --out out plans
rm -rf "$work/out"
measure "default" "$bin" build --today "$today" --out out plans
rm -rf "$work/out"
measure "pdf, one core" taskset -c 0 "$bin" build --format large-print,easy-read --today "$today" --out out plans
pdfs="$(find "$work/out" -name '*.pdf' | wc -l)"
one="$last_secs"
rm -rf "$work/out"
measure "pdf, all cores" "$bin" build --format large-print,easy-read --today "$today" --out out plans
pages="$(find "$work/out" -name '*.pdf' -print0 | xargs -0 -n1 pdfinfo 2>/dev/null | awk '/^Pages:/ {s += $2} END {print s}')"
echo "$pdfs PDFs, $pages pages: $(echo "$one * 1000 / $pdfs" | bc -l | xargs printf '%.1f') ms per PDF on one core, $(echo "$last_secs * 1000 / $pdfs" | bc -l | xargs printf '%.1f') ms on $(nproc) cores"
