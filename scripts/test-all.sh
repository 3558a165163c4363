#!/usr/bin/env bash
# Every test suite, in order, then one summary line: `N passed, N failed, N skipped`.
# Each suite writes a JSON report into .reports/; scripts/summarize.mjs sums them.
set -u
cd "$(dirname "$0")/.."
rm -rf .reports && mkdir -p .reports
status=0
step() { echo; echo "=== $1"; }

step "native module for Node"
node scripts/ensure-native.mjs node || status=1

step "typecheck"
if npm run --silent typecheck; then echo '{"name":"typecheck","passed":1,"failed":0,"skipped":0}' > .reports/typecheck.json
else echo '{"name":"typecheck","passed":0,"failed":1,"skipped":0}' > .reports/typecheck.json; status=1; fi

step "lint (includes the layering rules)"
if npm run --silent lint; then echo '{"name":"lint","passed":1,"failed":0,"skipped":0}' > .reports/lint.json
else echo '{"name":"lint","passed":0,"failed":1,"skipped":0}' > .reports/lint.json; status=1; fi

step "unit + backend (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json || status=1

step "slow backend (crash safety: hundreds of SIGKILLs)"
npx vitest run --config vitest.slow.config.mts --reporter=default --reporter=json --outputFile.json=.reports/vitest-slow.json || status=1

if [ -f tests/e2e-web/playwright.config.ts ]; then
  step "e2e-web (real renderer in Chromium against the real backend)"
  npm run --silent build:web || status=1
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/.reports/e2e-web.json" npx playwright test --config tests/e2e-web/playwright.config.ts --reporter=list,json || status=1
  [ -f .reports/e2e-web.json ] || { echo '{"name":"e2e-web report missing","passed":0,"failed":1,"skipped":0}' > .reports/e2e-web-missing.json; status=1; }
fi

step "electron build + package check (linux-unpacked with a stub Electron: asar, unpacked native module, migrations, fuses)"
if npx electron-vite build --logLevel warn; then echo '{"name":"build","passed":1,"failed":0,"skipped":0}' > .reports/build.json
else echo '{"name":"build","passed":0,"failed":1,"skipped":0}' > .reports/build.json; status=1; fi
node scripts/package-check.mjs .reports/package.json || status=1

if [ -f tests/e2e-electron/playwright.config.ts ]; then
  step "e2e-electron (skips itself where the Electron binary is missing)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/.reports/e2e-electron.json" npx playwright test --config tests/e2e-electron/playwright.config.ts --reporter=list,json || status=1
fi

step "summary"
node scripts/summarize.mjs .reports || status=1
exit $status
