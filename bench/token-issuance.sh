#!/usr/bin/env bash
# Token issuance benchmark on this machine, all on 127.0.0.1, stopping by itself:
#  - wrk, closed loop at a fixed concurrency: GET /q/health/live (the baseline), then POST .../token;
#  - an open loop at a fixed rate (default 200 req/s) for POST .../token (bench/TokenBench.java).
# The service is the packaged (prod) jar on an embedded PostgreSQL with the OpenTok emulator.
#   bench/token-issuance.sh [connections] [seconds] [rate]
# Writes bench/results/token-issuance-<UTC time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-16}
DURATION=${2:-20}
RATE=${3:-200}
PORT=${BENCH_PORT:-18080}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}
API_KEY=100003
API_SECRET="bench-only-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ISSUER=https://bench.smarttelehealth.local/

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  ./mvnw -B -q -ntp package -DskipTests
fi
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:$(cat target/bench-classpath.txt)"

WORK=$(mktemp -d)
cleanup() { kill "${APP_PID:-}" "${STACK_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

java -cp "$CP" com.smarttelehealth.video.devsupport.LocalStack "$API_KEY" "$API_SECRET" > "$WORK/stack.out" 2>"$WORK/stack.err" &
STACK_PID=$!
for _ in $(seq 1 120); do grep -q READY "$WORK/stack.out" 2>/dev/null && break; sleep 0.5; done
grep -q READY "$WORK/stack.out" || { cat "$WORK/stack.err"; exit 1; }
JDBC_URL=$(sed -n 's/^QUARKUS_DATASOURCE_JDBC_URL=//p' "$WORK/stack.out")
OPENTOK_URL=$(sed -n 's/^OPENTOK_API_URL=//p' "$WORK/stack.out")

QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres \
QUARKUS_DATASOURCE_PASSWORD=postgres OPENTOK_API_KEY=$API_KEY OPENTOK_API_SECRET="$API_SECRET" \
OPENTOK_API_URL="$OPENTOK_URL" MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/src/test/resources/jwt/publicKey.pem" \
MP_JWT_VERIFY_ISSUER=$ISSUER QUARKUS_LOG_LEVEL=WARN \
VIDEOCALL_RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE=100000000 VIDEOCALL_RATE_LIMIT_SESSION_CREATES_PER_MINUTE=100000000 \
  java $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

BASE="http://127.0.0.1:$PORT"
mapfile -t SETUP < <(java bench/TokenBench.java setup "$BASE" src/test/resources/jwt/privateKey.pem "$ISSUER")
SESSION_ID=${SETUP[0]}
PATIENT_JWT=${SETUP[1]}
cat > "$WORK/token.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $PATIENT_JWT"
LUA

summary() { # wrk --latency output -> "<req/s> <p50> <p99>"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5} END {printf "%10.0f req/s  p50 %8s  p99 %8s  non-2xx %s\n", rps, p50, p99, (err==""?0:err)}'
}

mkdir -p bench/results
OUT="bench/results/token-issuance-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# token issuance vs /q/health/live, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# app JVM options: $JAVA_OPTS; wrk -t2 -c$CONNECTIONS -d${DURATION}s after a 5 s warm-up each"
  wrk -t2 -c"$CONNECTIONS" -d5s http://127.0.0.1:$PORT/q/health/live >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/token.lua" "$BASE/api/videocall/sessions/$SESSION_ID/token" >/dev/null
  BASELINE=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE/q/health/live" | summary)
  TOKENS=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/token.lua" "$BASE/api/videocall/sessions/$SESSION_ID/token" | summary)
  echo "baseline  GET /q/health/live    $BASELINE"
  echo "tokens    POST .../token         $TOKENS"
  awk -v b="$(echo "$BASELINE" | awk '{print $1}')" -v t="$(echo "$TOKENS" | awk '{print $1}')" \
    'BEGIN {printf "ratio     token/baseline throughput %.3f  (target >= 0.50)\n", t / b}'
  java bench/TokenBench.java paced "$BASE" "$SESSION_ID" "$PATIENT_JWT" "$RATE" "$DURATION"
} | tee "$OUT"
echo "written to $OUT"
