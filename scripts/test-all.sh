#!/usr/bin/env bash
# `npm test`: every test jpki-doctor has — types, unit, real PC/SC integration
# against the virtual card, and browser end-to-end tests.
# On Debian/Ubuntu as root it installs and starts what the tests need. Elsewhere
# it runs what can run and says plainly what it did not run and why; with CI=true
# anything not run is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(pcscd libpcsclite-dev vsmartcard-vpcd opensc pcsc-tools chromium poppler-utils fonts-noto-cjk)
NOT_RUN=()
say() { printf '\n== %s\n' "$*"; }

missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# 1. System packages
if command -v apt-get >/dev/null 2>&1; then
  mapfile -t MISSING < <(missing_packages)
  if [ "${#MISSING[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      say "installing system packages: ${MISSING[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >/dev/null \
        || echo "apt-get install failed"
    else
      echo "not root: cannot install ${MISSING[*]} (run: sudo apt-get install ${MISSING[*]})"
    fi
  fi
fi

# 2. The PC/SC binding (a regular dependency): if it does not load here (built
#    elsewhere, or for another Node), build it now when the headers are there.
if ! node -e "require('pcsclite')" >/dev/null 2>&1 && [ -f /usr/include/PCSC/winscard.h ]; then
  say "building the pcsclite binding"
  version=$(node -p "require('./package.json').dependencies.pcsclite")
  npm install --no-save --no-audit --no-fund "pcsclite@$version" >/dev/null 2>&1 || npm rebuild pcsclite >/dev/null 2>&1
fi

# 3. The PC/SC service (pcscd) with the virtual reader
HAVE_PCSC=1
if ! node -e "require('pcsclite')" >/dev/null 2>&1; then
  HAVE_PCSC=0; NOT_RUN+=("card integration and card browser tests: the pcsclite binding does not load (install libpcsclite-dev, then npm ci)")
elif ! command -v pcscd >/dev/null 2>&1 || [ ! -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]; then
  HAVE_PCSC=0; NOT_RUN+=("card integration and card browser tests: pcscd or vsmartcard-vpcd is not installed")
elif ! pgrep -x pcscd >/dev/null 2>&1; then
  say "starting pcscd"
  if [ "$(id -u)" = 0 ]; then pcscd; else sudo -n pcscd 2>/dev/null || true; fi
  for _ in $(seq 1 50); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
  if ! pgrep -x pcscd >/dev/null 2>&1; then
    HAVE_PCSC=0; NOT_RUN+=("card integration and card browser tests: pcscd could not be started (start it as root: pcscd)")
  fi
fi

HAVE_BROWSER=1
if [ ! -x /usr/bin/chromium ]; then
  HAVE_BROWSER=0; NOT_RUN+=("browser end-to-end tests: /usr/bin/chromium is missing (apt-get install chromium)")
fi

if [ "${CI:-}" = "true" ] && [ "${#NOT_RUN[@]}" -gt 0 ]; then
  printf 'NOT RUN (a failure in CI): %s\n' "${NOT_RUN[@]}"
  exit 1
fi
export JPKI_TEST_PCSC=$HAVE_PCSC JPKI_TEST_BROWSER=$HAVE_BROWSER

STATUS=0
mkdir -p test-output

say "type check"
node_modules/.bin/tsc --noEmit -p tsconfig.json || STATUS=1

say "unit and integration tests (vitest)"
EXCLUDES=()
[ "$HAVE_PCSC" = 1 ] || EXCLUDES+=(--exclude 'tests/**/*.integration.test.ts')
node_modules/.bin/vitest run "${EXCLUDES[@]}" --reporter=default --reporter=json --outputFile.json=test-output/unit.json || STATUS=1

if [ "$HAVE_BROWSER" = 1 ]; then
  say "browser end-to-end tests (vitest + playwright-core + chromium)"
  # Browser tests that need the virtual card are *.integration.test.ts too.
  node_modules/.bin/vitest run -c vitest.e2e.config.ts "${EXCLUDES[@]}" --reporter=default --reporter=json --outputFile.json=test-output/e2e.json || STATUS=1
fi

say "summary"
node scripts/test-summary.mjs test-output/unit.json test-output/e2e.json || STATUS=1
if [ "${#NOT_RUN[@]}" -gt 0 ]; then
  printf 'NOT RUN: %s\n' "${NOT_RUN[@]}"
fi
exit $STATUS
