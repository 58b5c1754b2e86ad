#!/usr/bin/env bash
# Is the commit's WAL flush where the token tail comes from? Tokens at a fixed rate on a new connection each
# (bench/TokenBench.java paced-new, beside the health probe paced the same way), on Debian's PostgreSQL 15 as a
# server of its own (bench/lib.sh, bench_debian_pg; needs root): alternately with synchronous_commit on (the
# default: every commit waits for its WAL to reach the disk) and off (a commit answers first; the WAL writer flushes
# within 3 x wal_writer_delay), three rounds, each round's WAL syncs and their time from pg_stat_wal
# (track_wal_io_timing on). The server's settings are put back at the end.
#   bench/token-tail-commit.sh [rate] [seconds]
# Writes bench/results/token-tail-commit-<UTC time>.txt.
RATE=${1:-200}
SECONDS_EACH=${2:-15}
source "$(dirname "$0")/lib.sh"
bench_stack
bench_debian_pg
pg_admin() { su postgres -c "psql -Atq -d video -c \"$1\""; }
put_back() { pg_admin "alter system reset synchronous_commit" >/dev/null; pg_admin "alter system reset track_wal_io_timing" >/dev/null
  pg_admin "select pg_reload_conf()" >/dev/null; bench_cleanup; }
trap put_back EXIT
pg_admin "alter system set track_wal_io_timing = on" >/dev/null
bench_app
java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/pairs.txt"
java bench/TokenBench.java paced "$BASE" "$WORK/pairs.txt" "$RATE" 20 >/dev/null # warm-up
wal() { pg_admin "select wal_sync || ' ' || wal_sync_time from pg_stat_wal"; }
mkdir -p bench/results
OUT="bench/results/token-tail-commit-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# paced tokens on new connections, synchronous_commit on and off, on $DB_SERVER, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores"
  for round in 1 2 3; do
    for mode in on off; do
      pg_admin "alter system set synchronous_commit = $mode" >/dev/null
      pg_admin "select pg_reload_conf()" >/dev/null
      sleep 1
      read -r syncs0 time0 <<< "$(wal)"
      echo "## round $round, synchronous_commit $(pg_admin 'show synchronous_commit')"
      java bench/TokenBench.java paced-new "$BASE" "$WORK/pairs.txt" "$RATE" "$SECONDS_EACH"
      read -r syncs1 time1 <<< "$(wal)"
      awk -v n=$((syncs1 - syncs0)) -v t0="$time0" -v t1="$time1" 'BEGIN {
        printf "WAL syncs %d, %.1f ms in all, %.3f ms each on average\n", n, t1 - t0, (n > 0 ? (t1 - t0) / n : 0) }'
    done
  done
} | tee "$OUT"
echo "written to $OUT"
