#!/usr/bin/env bash
# How far token issuance can go on this machine whatever is done to its database work: the token path of
# a build with the database taken out of it (bench/no-database-tokens.patch: fixed facts, no token_issued
# row), against the shipped build and /q/health/live, in the same run, all on 127.0.0.1, stopping by itself.
# The patched build exists only in a temporary folder for this run; it breaks the contract and never ships.
#   bench/token-ceiling.sh [connections] [seconds]
# Writes bench/results/token-ceiling-<UTC time>.txt.
CONNECTIONS=${1:-16}
DURATION=${2:-20}
source "$(dirname "$0")/lib.sh"

CEILING="$WORK/ceiling"
bench_patched_build "$CEILING" bench/no-database-tokens.patch

bench_start
java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"

# the same warm-up and measurement of each build: health, then tokens
measure() {
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$BASE/q/health/live" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" >/dev/null
  local health tokens
  health=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE/q/health/live" | bench_summary)
  tokens=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | bench_summary)
  echo "$1  health $health"
  echo "$1  tokens $tokens"
  awk -v b="$(echo "$health" | awk '{print $1}')" -v t="$(echo "$tokens" | awk '{print $1}')" -v n="$1" \
    'BEGIN {printf "%s  ratio  token/health throughput %.3f\n", n, t / b}'
}

mkdir -p bench/results
OUT="bench/results/token-ceiling-$(date -u +%Y%m%dT%H%M%SZ).txt"
# no pipeline around the app switch: bench_app must set APP_PID in this shell, for the exit trap to stop it
{
  echo "# token issuance: shipped build vs no database in the token path, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# app JVM options: $JAVA_OPTS; wrk -t2 -c$CONNECTIONS -d${DURATION}s after a ${WARMUP} s warm-up each"
} | tee "$OUT"
measure "shipped    " | tee -a "$OUT"
bench_app_stop
APP_JAR="$CEILING/service/target/quarkus-app/quarkus-run.jar"
bench_app
measure "no database" | tee -a "$OUT"
echo "written to $OUT"
