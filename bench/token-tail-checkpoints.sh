#!/usr/bin/env bash
# Is PostgreSQL's checkpoint where the token tail comes from? Tokens at a fixed rate on a new connection each
# (bench/TokenBench.java paced-new, beside the health probe paced the same way), on Debian's PostgreSQL 15 as a
# server of its own (bench/lib.sh, bench_debian_pg; needs root): alternately after a finished CHECKPOINT and while
# one is forced every 4 s, three rounds.
#   bench/token-tail-checkpoints.sh [rate] [seconds]
# Writes bench/results/token-tail-checkpoints-<UTC time>.txt.
RATE=${1:-200}
SECONDS_EACH=${2:-15}
source "$(dirname "$0")/lib.sh"
bench_stack
bench_debian_pg
bench_app
java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"
java bench/TokenBench.java paced "$BASE" "$WORK/pairs.txt" "$RATE" 20 >/dev/null # warm-up
mkdir -p bench/results
OUT="bench/results/token-tail-checkpoints-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# paced tokens on new connections with and without checkpoints, on $DB_SERVER, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores"
  for round in 1 2 3; do
    su postgres -c "psql -q -c checkpoint"
    echo "## round $round, no checkpoint running"
    java bench/TokenBench.java paced-new "$BASE" "$WORK/pairs.txt" "$RATE" "$SECONDS_EACH"
    ( for _ in 1 2 3; do sleep 4; su postgres -c "psql -q -c checkpoint"; done ) &
    FORCING=$!
    echo "## round $round, a checkpoint every 4 s"
    java bench/TokenBench.java paced-new "$BASE" "$WORK/pairs.txt" "$RATE" "$SECONDS_EACH"
    wait "$FORCING"
  done
} | tee "$OUT"
echo "written to $OUT"
