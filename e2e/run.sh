#!/usr/bin/env bash
# Starts the service in dev mode (embedded PostgreSQL, provider emulator, dev JWTs) on a free port,
# drives the integration page in headless Chromium, and stops the service; then starts dev mode again on
# the Vonage Video API (-Dvideo.provider=vonage, still with zero configuration) and runs the README's first
# call against it. Run e2e/setup.sh once first. Screenshots and the service's logs land in target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-8095}"
out=target/e2e
mkdir -p "$out"
service=
trap 'stop_service' EXIT

stop_service() {
  if [ -n "$service" ]; then
    kill -TERM -- -"$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
    service=
  fi
}

# start_service <provider>: dev mode on that provider, logging to target/e2e/service-<provider>.log
start_service() {
  local log="$out/service-$1.log"
  setsid ./mvnw -B -ntp quarkus:dev -Dquarkus.http.port="$port" -Ddebug=false -Dvideo.provider="$1" \
    -Dquarkus.console.enabled=false -Dquarkus.analytics.disabled=true </dev/null >"$log" 2>&1 &
  service=$!
  for _ in $(seq 1 240); do
    if curl -sf "http://localhost:$port/q/health/ready" >/dev/null; then return 0; fi
    if ! kill -0 "$service" 2>/dev/null; then
      echo "The service did not start on $1; the end of $log:" >&2
      tail -40 "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "The service was not ready on $1 in 240 s" >&2
  exit 1
}

start_service opentok
# the README's first call, as a newcomer runs it
BASE="http://localhost:$port" bash docs/first-call.sh > "$out/first-call.txt"
(cd e2e && BASE_URL="http://localhost:$port" SCREENSHOTS="../$out" node --test --test-concurrency=1)
stop_service

start_service vonage
BASE="http://localhost:$port" bash docs/first-call.sh > "$out/first-call-vonage.txt"
grep -q '"apiKey": *"7d3c1a2e-5b4f-4c6d-8e9f-0a1b2c3d4e5f"\|"apiKey":"7d3c1a2e-5b4f-4c6d-8e9f-0a1b2c3d4e5f"' \
  "$out/first-call-vonage.txt" || { echo "the first call on Vonage did not answer the dev application id" >&2; exit 1; }
echo "first call on Vonage: $(grep -c . "$out/first-call-vonage.txt") lines, in $out/first-call-vonage.txt"
