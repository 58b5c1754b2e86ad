#!/usr/bin/env bash
# Token issuance benchmark: throughput and p50/p99 of POST .../token against GET /q/health/live,
# measured in the same run, on the packaged (prod) application with a real PostgreSQL.
#   bench/token-issuance.sh [concurrency] [seconds] [rate]
# Writes bench/results/token-issuance-<UTC time>.txt. Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY=${1:-16}
SECONDS_PER_RUN=${2:-20}
RATE=${3:-200}
PORT=${BENCH_PORT:-18080}
API_KEY=100003
API_SECRET="bench-only-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

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
MP_JWT_VERIFY_ISSUER=https://bench.smarttelehealth.local/ QUARKUS_LOG_LEVEL=WARN \
VIDEOCALL_RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE=100000000 VIDEOCALL_RATE_LIMIT_SESSION_CREATES_PER_MINUTE=100000000 \
  java ${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m} -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

mkdir -p bench/results
OUT="bench/results/token-issuance-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# token issuance vs /q/health/live, $(date -u +%FT%TZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# app JVM options: ${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
  java bench/TokenBench.java "http://127.0.0.1:$PORT" src/test/resources/jwt/privateKey.pem \
    https://bench.smarttelehealth.local/ "$CONCURRENCY" "$SECONDS_PER_RUN" "$RATE"
} | tee "$OUT"
echo "written to $OUT"
