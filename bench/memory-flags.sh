#!/usr/bin/env bash
# Where the memory goes, and what JVM and malloc settings save: for each variant, the packaged jar with the image's
# flags (service/src/main/docker/Dockerfile.jvm's, without the memory settings it carries: those are the variants,
# passed explicitly below) under the Deployment's memory limit, RSS after 10,000+ token requests, tokens at 16
# connections, RSS again 12 s later (the native heap is trimmed every 5 s where it is asked), and the JVM's native
# memory summary (-XX:NativeMemoryTracking=summary, which itself costs a few MiB).
#   bench/memory-flags.sh
# Writes bench/results/memory-flags-<UTC time>.txt.
source "$(dirname "$0")/lib.sh"
BASE_FLAGS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
LIMIT=$(awk '/limits:/ {getline; print $2; exit}' k8s/base/deployment.yaml | sed 's/Mi$/m/')
bench_stack
run() { # name, extra JVM flags; MALLOC_ARENA_MAX from the caller's environment
  local name=$1 extra=$2
  JAVA_OPTS="$BASE_FLAGS -XX:MaxRAM=$LIMIT -XX:NativeMemoryTracking=summary $extra"
  bench_app
  [ -f "$WORK/pairs.txt" ] || java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"
  local sent=0 n
  while [ "$sent" -lt 10000 ]; do
    n=$(wrk -t2 -c8 -d5s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | awk '/requests in/ {print $1}')
    sent=$((sent + n))
  done
  local thr rss later
  thr=$(wrk -t2 -c16 -d10s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | awk '/Requests/ {print $2}')
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  sleep 12
  later=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  echo "$name: ready ${READY_MS} ms, RSS $((rss / 1024)) MiB after $sent+ tokens, $((later / 1024)) MiB 12 s later, tokens at 16 conns $thr/s ($extra${MALLOC_ARENA_MAX:+ MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX})"
  jcmd "$APP_PID" VM.native_memory summary | grep -E "^-|Total" | sed 's/^/    /'
  bench_app_stop
}
SERIAL="-XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
TRIM="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"
mkdir -p bench/results
OUT="bench/results/memory-flags-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# memory by JVM settings, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1); base flags: $BASE_FLAGS -XX:MaxRAM=$LIMIT"
  run "A (the JVM's own choices)" ""
  MALLOC_ARENA_MAX=2 run "F (the image's until 2026-12-03 evening)" "$SERIAL"
  MALLOC_ARENA_MAX=2 run "H (F with the native heap trimmed: the image's now)" "$SERIAL $TRIM"
  MALLOC_ARENA_MAX=2 run "I (H with C1 only)" "$SERIAL $TRIM -XX:TieredStopAtLevel=1"
  run "A again" ""
} | tee "$OUT"
echo "written to $OUT"
