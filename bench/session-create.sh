#!/usr/bin/env bash
# Session create through the service against the same create made straight at the OpenTok emulator
# (bench/SessionBench.java), one request at a time: what the service adds (target < 5 ms p50), once warm (5,000
# creates of each first; BENCH_CREATE_WARMUP sets another number).
# With BENCH_BASE_JAR=<another build's quarkus-run.jar>, that build and this one run alternately, each
# started afresh on the same PostgreSQL and emulator, so that the two compare within one run.
# With BENCH_PHASES=1, this build runs with bench/create-phases.patch applied (built in a temporary copy): after
# each run, the mean time of each phase of a create inside the service, per 600 creates from the first (warm-up
# included: the last lines are the measured ones). To compare two builds so, apply the patch to the base's checkout
# too before building it.
#   [BENCH_BASE_JAR=/tmp/base/service/target/quarkus-app/quarkus-run.jar] [BENCH_PHASES=1] bench/session-create.sh [rounds] [creates]
# Writes bench/results/session-create-<UTC time>.txt.
ROUNDS=${1:-2}
CREATES=${2:-600}
source "$(dirname "$0")/lib.sh"
bench_stack
THIS_JAR=$APP_JAR
if [ "${BENCH_PHASES:-0}" = 1 ]; then
  PHASED="$WORK/phased"
  bench_patched_build "$PHASED" bench/create-phases.patch
  THIS_JAR=$PHASED/service/target/quarkus-app/quarkus-run.jar
fi
rm -f target/create-phases.txt

mkdir -p bench/results
OUT="bench/results/session-create-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# session create, $(date -u +%FT%TZ), $COMMIT${PHASED:+, with bench/create-phases.patch}, $(nproc) cores, $(java -version 2>&1 | head -1); app JVM options: $JAVA_OPTS"
  [ -n "${BENCH_BASE_JAR:-}" ] && echo "# base: $BENCH_BASE_JAR"
  for round in $(seq 1 "$ROUNDS"); do
    for build in ${BENCH_BASE_JAR:+base} this; do
      APP_JAR=$THIS_JAR
      [ "$build" = base ] && APP_JAR=$BENCH_BASE_JAR
      bench_app
      PROVIDER_JWT=$(java bench/TokenBench.java jwt "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" bench-dr provider)
      echo "## round $round, $build"
      java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" bench/SessionBench.java \
        "$BASE" "$OPENTOK_URL" "$API_KEY" "$API_SECRET" "$PROVIDER_JWT" "$CREATES"
      bench_app_stop
      # a phased build's figures (the patch writes them where the service runs)
      if [ -f target/create-phases.txt ]; then
        cat target/create-phases.txt
        rm -f target/create-phases.txt
      fi
    done
  done
} | tee "$OUT"
echo "written to $OUT"
