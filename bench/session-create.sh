#!/usr/bin/env bash
# Session create through the service against the same create made straight at the OpenTok emulator
# (bench/SessionBench.java), one request at a time: what the service adds (target < 5 ms p50).
# With BENCH_BASE_JAR=<another build's quarkus-run.jar>, that build and this one run alternately, each
# started afresh on the same PostgreSQL and emulator, so that the two compare within one run.
#   [BENCH_BASE_JAR=/tmp/base/service/target/quarkus-app/quarkus-run.jar] bench/session-create.sh [rounds] [creates]
# Writes bench/results/session-create-<UTC time>.txt.
ROUNDS=${1:-2}
CREATES=${2:-600}
source "$(dirname "$0")/lib.sh"
bench_stack
THIS_JAR=$APP_JAR

mkdir -p bench/results
OUT="bench/results/session-create-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# session create, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1); app JVM options: $JAVA_OPTS"
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
    done
  done
} | tee "$OUT"
echo "written to $OUT"
