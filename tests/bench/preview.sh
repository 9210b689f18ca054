#!/usr/bin/env bash
# The preview's speed: how long after a plan is saved the browser has the new page, in a
# project of N plans (the bench's plans, made as run.sh makes them).
#
#     BIN=path/to/ourplan bash tests/bench/preview.sh [N] [SAVES]
#
# It starts `ourplan serve`, waits for the first build, then saves one plan SAVES times (a
# word changed each time) and, for each save, measures on the clock:
#   - page: from the save until the preview serves the new words (the wait the browser's
#     reload script has, asking `/_ourplan/version?seen=V`, which answers as soon as the
#     version moves);
#   - PDFs: from the save until the plan's first PDF on disk (by name) is the new one.
# It prints the median and the slowest of each. A benchmark: it asserts nothing about time.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
n="${1:-1000}"
saves="${2:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ourplan-target}"
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --locked --quiet
  BIN="$CARGO_TARGET_DIR/release/ourplan"
fi
bin="$(realpath "$BIN")"
# KEEP=DIR keeps the project and its copies in DIR between runs, so that a second run's first
# build finds them made (it then only checks); else a scratch folder, removed at the end.
if [[ -n "${KEEP:-}" ]]; then
  work="$(realpath -m "$KEEP")"
  mkdir -p "$work"
  cleanup() { :; }
else
  work="$(mktemp -d)"
  cleanup() { rm -rf "$work"; }
fi
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; cleanup' EXIT
examples=(plans/*.yaml)
dir="$work/project"
rm -rf "$dir/plans"
mkdir -p "$dir/plans"
cp "$root/tests/fixtures/ourplan.toml" "$dir/"
for ((i = 0; i < n; i++)); do
  src="${examples[i % ${#examples[@]}]}"
  sed -E "s/^(\s*(- )?([a-z_]+: )?)([A-Z][^\"#:]* [^\"#:]*[a-z.!?])\$/\1\4 plan$i/" \
    "$src" >"$dir/plans/$(basename "$src" .yaml)-$i.yaml"
done
# The plan that is edited: Jade's, which asks for large print, easy read and a crisis card.
plan="$dir/plans/jade-okafor-2.yaml"
id="jade-okafor-2"
[[ -f "$plan" ]] || { echo "need at least 3 plans" >&2; exit 2; }

cd "$dir"
: >"$work/out"
start=$(date +%s.%N)
"$bin" serve --port 0 >"$work/out" 2>"$work/err" &
server=$!
until grep -q '^Preview: ' "$work/out" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.05
done
first=$(echo "$(date +%s.%N) - $start" | bc -l)
addr="$(sed -n 's|^Preview: http://\([^/]*\)/.*|\1|p' "$work/out")"
printf 'plans: %d; first check and build: %.2f s\n' "$n" "$first"

pdf="$(find "$dir" -path "*/$id/$id-*.pdf" -not -path "*/for-*" | sort | head -1)"
[[ -f "$pdf" ]] || { echo "no PDF of $id was built" >&2; exit 1; }
echo "PDF watched: ${pdf#"$dir/"}"
pages=()
pdfs=()
for ((s = 1; s <= saves; s++)); do
  version="$(curl -s "http://$addr/_ourplan/version")"
  old_pdf="$(sha256sum "$pdf" | cut -c1-64)"
  new="edit$s"
  t0=$(date +%s.%N)
  sed -i -E "s/\b(plan2|edit[0-9]+)\b/$new/" "$plan"
  # What the reload script does: ask, and be answered when the version moves.
  # (The page is read whole before it is searched: `curl | grep -q` would fail, with
  # pipefail, whenever grep stops reading first.)
  until [[ "$(curl -s --max-time 30 "http://$addr/$id/")" == *"$new"* ]]; do
    curl -s --max-time 30 "http://$addr/_ourplan/version?seen=$version" >/dev/null || true
    version="$(curl -s "http://$addr/_ourplan/version")"
  done
  t1=$(date +%s.%N)
  until [[ "$(sha256sum "$pdf" | cut -c1-64)" != "$old_pdf" ]]; do sleep 0.01; done
  t2=$(date +%s.%N)
  pages+=("$(echo "($t1 - $t0) * 1000" | bc -l)")
  pdfs+=("$(echo "($t2 - $t0) * 1000" | bc -l)")
  [[ -n "${VERBOSE:-}" ]] && printf 'save %d: page %.0f ms, PDFs %.0f ms\n' "$s" "${pages[-1]}" "${pdfs[-1]}"
  sleep 0.5
done
stat() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms, slowest %.0f ms", a[int((NR+1)/2)], a[NR]}'; }
[[ -n "${VERBOSE:-}" ]] && grep -E '^Checked' "$work/err"
echo "save to new page:  $(stat "${pages[@]}") ($saves saves; target 300 ms)"
echo "save to new PDFs:  $(stat "${pdfs[@]}") ($saves saves; target 1000 ms)"
