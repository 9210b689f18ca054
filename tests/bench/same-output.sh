#!/usr/bin/env bash
# Same output guard: shows that a change (a speed change above all) changes no output, byte for
# byte.
#
#     bash tests/bench/same-output.sh OUT.txt            # record a list of hashes
#     bash tests/bench/same-output.sh OUT.txt BASE.txt   # and compare it with an earlier one
#
# With BIN=path/to/ourplan it uses that binary; else it builds the debug one. It runs, each
# into a folder of its own under a scratch folder:
#   - build of the example plans, default formats and every format (web pages, both PDFs,
#     the copies for each recipient);
#   - check --format json --sharing, and --format human and short, of the example plans;
#   - check --format short of every fixture folder (tests/fixtures/rules/*, build/*, valid);
#   - check --format json and build --format html of 40 plans made like the bench's (every
#     line of prose gets a word of its own);
#   - words --all, words of each example, schema, explain;
# then writes "sha256  path" for every file made, sorted. Exit status 1 when BASE.txt is given
# and any line differs (the differing lines are printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
list="$(realpath -m "${1:?usage: same-output.sh OUT.txt [BASE.txt]}")"
base="${2:+$(realpath "$2")}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ourplan-target}"
if [[ -z "${BIN:-}" ]]; then
  cargo build --locked --quiet
  BIN="$CARGO_TARGET_DIR/debug/ourplan"
fi
bin="$(realpath "$BIN")"
today=2026-11-23
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
res="$work/res"
mkdir -p "$res"

# Runs "$@" with its standard output and error saved in $res/NAME.{out,err} and its exit
# status in $res/NAME.rc (plans may have warnings: any status is recorded, not judged).
run() {
  local name="$1"
  shift
  local rc=0
  "$@" >"$res/$name.out" 2>"$res/$name.err" || rc=$?
  echo "$rc" >"$res/$name.rc"
}

# The example plans, in a project of their own (the fixtures' default ourplan.toml).
proj="$work/examples"
mkdir -p "$proj"
cp -r plans "$proj/plans"
cp tests/fixtures/ourplan.toml "$proj/"
cd "$proj"
run build-default "$bin" build --today "$today" --out "$res/build-default" plans
run build-all "$bin" build --format all --today "$today" --out "$res/build-all" plans
run check-json "$bin" check --format json --sharing --today "$today" plans
run check-human "$bin" check --color never --today "$today" plans
run check-short "$bin" check --format short --today "$today" plans
for p in plans/*.yaml; do
  run "words-$(basename "$p" .yaml)" "$bin" words "$p"
done
run words-all "$bin" words --all
run schema "$bin" schema
run explain "$bin" explain
cd "$root"

# Every fixture folder, checked from inside it as tests/rules.rs does.
for dir in tests/fixtures/rules/* tests/fixtures/build/* tests/fixtures/valid; do
  name="fixture-$(basename "$(dirname "$dir")")-$(basename "$dir")"
  (cd "$dir" && run "$name" "$bin" check --format short --today "$today" .)
done

# 40 plans made as tests/bench/run.sh makes them.
many="$work/many"
mkdir -p "$many/plans"
cp tests/fixtures/ourplan.toml "$many/"
examples=(plans/*.yaml)
for ((i = 0; i < 40; i++)); do
  src="${examples[i % ${#examples[@]}]}"
  sed -E "s/^(\s*(- )?([a-z_]+: )?)([A-Z][^\"#:]* [^\"#:]*[a-z.!?])\$/\1\4 plan$i/" \
    "$src" >"$many/plans/$(basename "$src" .yaml)-$i.yaml"
done
cd "$many"
run many-check "$bin" check --format json --sharing --today "$today" plans
run many-html "$bin" build --format html --today "$today" --out "$res/many-html" plans
cd "$res"
# The scratch folder's name (in problems and in the build's owner file) and the time a build
# took change from run to run, so they are taken out before hashing.
find . -type f \( -name '*.out' -o -name '*.err' -o -name .owner \) -exec sed -i -E \
  -e "s#$work#WORK#g" -e 's/ in [0-9]+(\.[0-9]+)? (m?s)\b/ in TIME/g' {} +
find . -type f -print0 | sort -z | xargs -0 sha256sum >"$list"
echo "$(wc -l <"$list") files hashed into $list"
if [[ -n "$base" ]]; then
  if diff "$base" "$list"; then
    echo "same output as $base"
  else
    echo "OUTPUT CHANGED (lines above: < before, > now)"
    exit 1
  fi
fi
