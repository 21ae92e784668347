#!/usr/bin/env bash
# `npm test`: installs what the tests need (Debian packages, as root), starts
# what they need, then runs every check: format, lint (layering included),
# both typecheck projects, the build, unit, integration and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash scripts/ensure-test-deps.sh
bash scripts/start-docker.sh

mkdir -p test-results
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "format (prettier)"
npx prettier --check . --log-level warn
step "lint (eslint, layering rules)"
npx eslint --max-warnings 0 .
step "typecheck (node side, web side)"
npx tsc -p tsconfig.node.json
npx tsc -p tsconfig.web.json
step "build"
node scripts/build.mjs
step "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step "integration tests (real git, GnuPG, Docker, mmdebstrap)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/integration.json
step "end-to-end tests (Playwright, Debian chromium, browser mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json,./e2e/reporters/skipReasons.ts

node scripts/summarize-tests.mjs test-results/unit.json test-results/integration.json test-results/e2e.json
echo "wall time: $(( $(date +%s) - started )) s"
