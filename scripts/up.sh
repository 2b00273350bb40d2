#!/usr/bin/env bash
# `npm run up`: from a fresh clone to a running system. Installs dependencies
# if needed, makes sure PostgreSQL and Redis answer (starting local ones if
# not), builds, migrates, seeds the demo data, then runs the API and the
# worker in the foreground until Ctrl-C (which stops both gracefully).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/ensure-deps.sh
ensure_deps || exit 1

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hagukumi}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PORT="${PORT:-3000}"
export HOST="${HOST:-127.0.0.1}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-hagukumi-demo}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://${HOST}:${PORT}}"

node scripts/ensure-services.js
echo "build..."
npm run -s build
npm run -s migrate
npm run -s seed

pids=()
stop() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

# The heap is sized for a 256 MB container: V8 collects before the process grows past it (override with NODE_OPTIONS).
export NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=160}"
# Without allocation-site pretenuring: under load it moved requests' short-lived objects into the old generation,
# which V8 then collected several times a second (docs/performance.md; `npm start` and the benches use the same flag).
node --no-allocation-site-pretenuring dist/src/main.js & pids+=($!)
node --no-allocation-site-pretenuring dist/src/worker.js & pids+=($!)

url="http://${HOST}:${PORT}"
for _ in $(seq 1 60); do
  if node -e "fetch('${url}/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    cat <<INFO

  Hagukumi is running.
    API:      ${url}/api/v1
    API docs: ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)
    Health:   ${url}/health/ready

  Demo logins (password: ${DEMO_PASSWORD})
    admin        システム管理者
    auditor      監査担当
    liaison      都児相連携担当 (練馬子ども家庭支援センター)
    supervisor1  係長 (練馬子ども家庭支援センター)     consultant1  相談員 (同)
    supervisor2  所長 (貫井子ども家庭支援センター)     consultant2  相談員 (同)
    supervisor3  係長 (豊玉保健相談所)                 nurse1       保健師 (同)

  Ctrl-C stops the API and the worker.
INFO
    wait -n "${pids[@]}" || true
    echo "a process exited; stopping the other" >&2
    exit 1
  fi
  sleep 1
done
echo "the API did not become ready within 60 s" >&2
exit 1
