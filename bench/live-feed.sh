#!/usr/bin/env bash
# The live session feed under load, all on 127.0.0.1, stopping by itself (bench/LiveFeedBench.java):
#  - SUBSCRIBERS streams (default 2,000) over SESSIONS sessions (default 500) on one replica, one user each;
#  - memory the idle streams add to the service (heap after a full GC, and RSS), per stream;
#  - then RATE events a second (default 200) for SECONDS, as the provider's streamCreated callbacks, and each
#    stream's delivery latency.
# Targets (#25): delivery p99 < 250 ms; under 50 KiB per idle stream.
#   bench/live-feed.sh [subscribers] [sessions] [rate] [seconds]
# Writes bench/results/live-feed-<UTC time>.txt.
SUBSCRIBERS=${1:-2000}
SESSIONS=${2:-500}
RATE=${3:-200}
SECONDS_=${4:-30}
source "$(dirname "$0")/lib.sh"
bench_start

mkdir -p "$WORK/classes" bench/results
javac -d "$WORK/classes" bench/TokenBench.java bench/CallbackBench.java bench/LiveFeedBench.java
OUT="bench/results/live-feed-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# live feed: $SUBSCRIBERS streams over $SESSIONS sessions, $RATE events/s for ${SECONDS_} s, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# app JVM options: $JAVA_OPTS; the app started in ${READY_MS} ms"
  java -Xss256k -Dwarmup="${WARMUP_SECONDS:-10}" -cp "$WORK/classes" LiveFeedBench "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" \
    "$CALLBACK_SECRET" "$APP_PID" "$SESSIONS" "$SUBSCRIBERS" "$RATE" "$SECONDS_"
  # the service's own view of the callbacks it answered: a tail here is in the service, not in the bench's client
  curl -s "$BASE/q/metrics" | grep '^http_server_requests_seconds_[a-z]*{.*webhooks/opentok' | sed 's/^/  service: /'
} | tee "$OUT"
echo "written to $OUT"
