#!/usr/bin/env bash
# Token issuance benchmark on this machine, all on 127.0.0.1, stopping by itself:
#  - wrk, closed loop at a fixed concurrency: GET /q/health/live (the baseline), then POST .../token;
#  - an open loop at a fixed rate (default 200 req/s) for POST .../token (bench/TokenBench.java), on kept-alive
#    connections, then with a new connection for every request, beside GET /q/health/live paced the same way.
# The service is the packaged (prod) jar on an embedded PostgreSQL with the provider emulator; with BENCH_DB=debian,
# on Debian's PostgreSQL 15 as a server of its own (bench/lib.sh, bench_debian_pg; needs root).
#   [BENCH_PROVIDER=vonage] [BENCH_DB=debian] bench/token-issuance.sh [connections] [seconds] [rate]
# Writes bench/results/token-issuance[-vonage][-debian-pg]-<UTC time>.txt.
CONNECTIONS=${1:-16}
DURATION=${2:-20}
RATE=${3:-200}
source "$(dirname "$0")/lib.sh"
bench_stack
DB_SERVER="the embedded PostgreSQL"
[ "${BENCH_DB:-embedded}" = debian ] && bench_debian_pg
bench_app

# 200 consultations, each with its own patient: the token requests rotate over them
java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"

mkdir -p bench/results
OUT="bench/results/token-issuance$([ "$PROVIDER" = vonage ] && echo -vonage || true)$([ "${BENCH_DB:-}" = debian ] && echo -debian-pg || true)-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# token issuance ($PROVIDER) vs /q/health/live, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# on $DB_SERVER; app JVM options: $JAVA_OPTS; wrk -t2 -c$CONNECTIONS -d${DURATION}s after a ${WARMUP} s warm-up each"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" http://127.0.0.1:$PORT/q/health/live >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" >/dev/null
  BASELINE=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE/q/health/live" | bench_summary)
  TOKENS=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | bench_summary)
  echo "baseline  GET /q/health/live    $BASELINE"
  echo "tokens    POST .../token         $TOKENS"
  awk -v b="$(echo "$BASELINE" | awk '{print $1}')" -v t="$(echo "$TOKENS" | awk '{print $1}')" \
    'BEGIN {printf "ratio     token/baseline throughput %.3f  (target >= 0.50)\n", t / b}'
  java bench/TokenBench.java paced "$BASE" "$WORK/pairs.txt" "$RATE" "$DURATION"
  java bench/TokenBench.java paced-new "$BASE" "$WORK/pairs.txt" "$RATE" "$DURATION"
} | tee "$OUT"
echo "written to $OUT"
