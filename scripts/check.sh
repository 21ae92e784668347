#!/usr/bin/env bash
# `npm run check`: the cheap check before a commit. Format, lint (layering
# included), the engine's folder cycles, both typecheck projects, and the unit
# and component tests. No root, no Docker, no network, no build; a couple of
# minutes. `npm test` stays the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "format (prettier)"
npx prettier --check . --log-level warn
step "lint (eslint, layering rules)"
npx eslint --max-warnings 0 .
step "engine folders without import cycles"
node scripts/check-engine-cycles.mjs
step "typecheck (node side, web side)"
npx tsc -p tsconfig.node.json
npx tsc -p tsconfig.web.json
step "unit and component tests"
# npm test passes CHECK_TEST_REPORT to keep a JSON report for its closing line.
report=()
if [ -n "${CHECK_TEST_REPORT:-}" ]; then
  report=(--reporter=default --reporter=json "--outputFile.json=$CHECK_TEST_REPORT")
fi
npx vitest run --project unit --project component "${report[@]}"
echo "check wall time: $(( $(date +%s) - started )) s"
