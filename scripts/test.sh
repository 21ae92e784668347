#!/usr/bin/env bash
# `npm test`: installs what the tests need (Debian packages, as root), starts
# what they need, then runs every check: format, lint (layering included),
# both typecheck projects, the build, the Electronegativity scan of the built
# shell, unit, component, integration and end-to-end tests. `npm run check`
# (scripts/check.sh) is the cheap subset.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash scripts/ensure-test-deps.sh
bash scripts/start-docker.sh

mkdir -p test-results
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

# The cheap check first (format, lint, cycles, typechecks, unit and component tests), its
# test report kept for the closing line.
CHECK_TEST_REPORT=test-results/unit.json bash scripts/check.sh
step "build"
node scripts/build.mjs
step "Electronegativity on the built shell (docs/security.md)"
node scripts/electronegativity.mjs
step "integration tests (real git, GnuPG, Docker, mmdebstrap)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/integration.json
step "end-to-end tests (Playwright, Debian chromium, browser mode)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json,./e2e/reporters/skipReasons.ts

node scripts/summarize-tests.mjs test-results/unit.json test-results/integration.json test-results/e2e.json
echo "wall time: $(( $(date +%s) - started )) s"
