#!/usr/bin/env bash
# Starts the service in dev mode (embedded PostgreSQL, OpenTok emulator, dev JWTs) on a free port,
# drives the integration page in headless Chromium, and stops the service. Run e2e/setup.sh once
# first. Screenshots and the service's log land in target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-8095}"
out=target/e2e
mkdir -p "$out"

setsid ./mvnw -B -ntp quarkus:dev -Dquarkus.http.port="$port" -Ddebug=false \
  -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true </dev/null >"$out/service.log" 2>&1 &
service=$!
trap 'kill -TERM -- -"$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$port/q/health/ready" >/dev/null; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then
    echo "The service did not start; the end of $out/service.log:" >&2
    tail -40 "$out/service.log" >&2
    exit 1
  fi
  sleep 1
done
curl -sf "http://localhost:$port/q/health/ready" >/dev/null || { echo "The service was not ready in 240 s" >&2; exit 1; }

# the README's first call, as a newcomer runs it
BASE="http://localhost:$port" bash docs/first-call.sh > "$out/first-call.txt"

cd e2e
BASE_URL="http://localhost:$port" SCREENSHOTS="../$out" node --test --test-concurrency=1
