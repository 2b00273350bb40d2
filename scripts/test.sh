#!/usr/bin/env bash
# `npm test`: installs dependencies if needed, makes sure PostgreSQL and Redis
# answer (starting local ones if not), type-checks, then runs every Jest test
# (unit specs and end-to-end tests against the real services).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/ensure-deps.sh
ensure_deps || exit 1

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hagukumi}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# Tests create and drop their own databases; they never touch the app database.
node scripts/ensure-services.js --no-create-db

echo "typecheck and build (dist/ is used by the CLI tests)..."
npx tsc -p tsconfig.json
echo "jest..."
npx jest --ci "$@"
