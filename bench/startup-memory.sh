#!/usr/bin/env bash
# JVM start-up time, resident memory after 10,000 requests, and session create against the OpenTok
# emulator, on this machine, with the JVM flags the container image ships (service/src/main/docker/Dockerfile.jvm)}
# and the memory limit of the Deployment standing in for the container's (-XX:MaxRAM).
# Then, when a JDK 25 is here and the jar was built with its AOT cache (README, "Deploying": Dockerfile.jvm-aot; .ci/aot-start):
# launch to first ready answer on JDK 25 without and with -XX:AOTCache, alternately, in the same run.
#   bench/startup-memory.sh [starts] [session creates]
# Writes bench/results/startup-memory-<UTC time>.txt.
STARTS=${1:-3}
CREATES=${2:-400}
source "$(dirname "$0")/lib.sh"
IMAGE_FLAGS=${BENCH_IMAGE_FLAGS:-$(bench_image_flags)}
LIMIT=$(awk '/limits:/ {getline; print $2; exit}' k8s/base/deployment.yaml | sed 's/Mi$/m/')
JAVA_OPTS="$IMAGE_FLAGS -XX:MaxRAM=$LIMIT"
# and the image's malloc setting (unless BENCH_IMAGE_FLAGS names other flags)
[ -n "${BENCH_IMAGE_FLAGS:-}" ] || export $(bench_image_malloc)
bench_stack

mkdir -p bench/results
OUT="bench/results/startup-memory-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# start-up, memory and session create, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# app JVM options (the image's, with the Deployment's memory limit): $JAVA_OPTS${MALLOC_ARENA_MAX:+; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}"
  for i in $(seq 1 "$STARTS"); do
    bench_app
    echo "start $i    launch to first ready answer    ${READY_MS} ms  (target < 2000 ms)"
    [ "$i" = "$STARTS" ] || bench_app_stop
  done

  java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"
  SENT=0
  while [ "$SENT" -lt 10000 ]; do
    N=$(wrk -t2 -c8 -d5s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" | awk '/requests in/ {print $1}')
    SENT=$((SENT + N))
  done
  RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  sleep 12 # what the pod settles at: the JIT's last compilations end, and the image's JVM trims its native heap every 5 s
  LATER_KB=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")
  echo "memory     RSS after $SENT token requests    $((RSS_KB / 1024)) MiB, $((LATER_KB / 1024)) MiB 12 s later  (target < 200 MiB)"

  PROVIDER_JWT=$(java bench/TokenBench.java jwt "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" bench-dr provider)
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" bench/SessionBench.java \
    "$BASE" "$OPENTOK_URL" "$API_KEY" "$API_SECRET" "$PROVIDER_JWT" "$CREATES"
  # started inside this pipeline's subshell, so the exit trap does not know it: stop it here
  bench_app_stop

  JDK25=${BENCH_JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
  AOT=$(dirname "$APP_JAR")/app.aot
  if [ -n "$JDK25" ] && [ -f "$AOT" ]; then
    echo "# JDK 25 ($("$JDK25/bin/java" -version 2>&1 | head -1)), the AOT cache $AOT ($(($(stat -c %s "$AOT") / 1048576)) MiB)"
    BASE_OPTS=$JAVA_OPTS
    for i in $(seq 1 "$STARTS"); do
      for mode in without with; do
        JAVA_OPTS=$BASE_OPTS
        [ "$mode" = with ] && JAVA_OPTS="$BASE_OPTS -XX:AOTCache=$AOT"
        BENCH_JAVA="$JDK25/bin/java" bench_app
        echo "start $i    JDK 25 $mode the AOT cache    ${READY_MS} ms  (target with it < 1000 ms)"
        bench_app_stop
      done
    done
    JAVA_OPTS=$BASE_OPTS
  else
    echo "# no JDK 25 or no app.aot next to the jar: the AOT cache is not measured"
  fi
} | tee "$OUT"
echo "written to $OUT"
