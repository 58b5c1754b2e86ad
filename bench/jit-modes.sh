#!/usr/bin/env bash
# What the JIT's mode costs and saves on this 2-core machine: the JVM's default (tiered: C1 with profiling,
# then C2) against C1 alone (-XX:TieredStopAtLevel=1), alternately in one run, each start with the image's
# flags under the Deployment's memory limit. Per start: launch to first ready answer; tokens at 16 connections
# (closed loop) after a warm-up, with their p50 and p99; tokens paced at 200/s (open loop), p99; RSS after all.
# On the default JDK, and on JDK 25 with the AOT cache when the jar was built with it (as in
# bench/startup-memory.sh).
#   bench/jit-modes.sh [rounds]
# Writes bench/results/jit-modes-<UTC time>.txt.
ROUNDS=${1:-3}
source "$(dirname "$0")/lib.sh"
IMAGE_FLAGS=$(bench_image_flags)
LIMIT=$(awk '/limits:/ {getline; print $2; exit}' k8s/base/deployment.yaml | sed 's/Mi$/m/')
export $(bench_image_malloc)
JDK25=${BENCH_JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
AOT=$(dirname "$APP_JAR")/app.aot
bench_stack

one() { # round, JDK label, java, extra flags, mode label
  local round=$1 jdk=$2 java=$3 extra=$4 mode=$5 sent=0 n closed paced rss
  JAVA_OPTS="$IMAGE_FLAGS -XX:MaxRAM=$LIMIT $extra"
  BENCH_JAVA=$java bench_app
  [ -f "$WORK/pairs.txt" ] || java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem \
    "$ISSUER" 200 > "$WORK/pairs.txt"
  while [ "$sent" -lt 10000 ]; do # the warm-up: 10,000 tokens or more
    n=$(wrk -t2 -c8 -d5s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | awk '/requests in/ {print $1}')
    sent=$((sent + n))
  done
  closed=$(wrk -t2 -c16 -d15s --latency -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | bench_summary)
  paced=$(java bench/TokenBench.java paced "$BASE" "$WORK/pairs.txt" 200 15 2>/dev/null | tail -1 | sed "s/.*@200\/s *//; s/ *(target.*//")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  printf "%s  %-14s %-6s ready %5d ms  RSS %3d MiB  tokens at 16 conns %s  paced: %s\n" "$round" "$jdk" "$mode" \
    "$READY_MS" $((rss / 1024)) "$closed" "$paced"
  bench_app_stop
}

mkdir -p bench/results
OUT="bench/results/jit-modes-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# JIT modes, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores; image flags: $IMAGE_FLAGS -XX:MaxRAM=$LIMIT${MALLOC_ARENA_MAX:+; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}"
  echo "# default JDK: $(java -version 2>&1 | head -1)${JDK25:+; JDK 25: $("$JDK25/bin/java" -version 2>&1 | head -1)}"
  for round in $(seq 1 "$ROUNDS"); do
    one "$round" "JDK 17" java "" tiered
    one "$round" "JDK 17" java "-XX:TieredStopAtLevel=1" C1
    if [ -n "$JDK25" ] && [ -f "$AOT" ]; then
      one "$round" "JDK 25 + AOT" "$JDK25/bin/java" "-XX:AOTCache=$AOT -XX:AOTMode=on" tiered
      one "$round" "JDK 25 + AOT" "$JDK25/bin/java" "-XX:AOTCache=$AOT -XX:AOTMode=on -XX:TieredStopAtLevel=1" C1
    fi
  done
} | tee "$OUT"
echo "written to $OUT"
