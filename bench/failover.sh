#!/usr/bin/env bash
# A database failover as Kubernetes PostgreSQL operators do it, on Debian's PostgreSQL 15 (installed with apt-get
# when missing; SCRAM logins over TCP, no TLS, as Debian sets it up): the packaged jar and the emulator, six patients
# asking for tokens at full rate (wrk), PostgreSQL fast-stopped (pg_ctlcluster stop -m fast) for 6 s and started
# again. Each run prints how long the stop took, the answers, the 500s the service logged, and the connections it
# holds 3 s after the restart (none may be CLOSE-WAIT). Needs root (pg_ctlcluster, apt-get). Stops by itself.
#   bench/failover.sh [runs]
# Writes bench/results/failover-<UTC time>.txt. The suite's DatabaseFailoverTest does the same on an embedded
# PostgreSQL 14, which did not show the 60 s stop that this setup showed before the fix (README, "Database failover").
RUNS=${1:-3}
source "$(dirname "$0")/lib.sh"
bench_stack
bench_debian_pg
OUT="bench/results/failover-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "# failover under token load on $DB_SERVER, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores" | tee "$OUT"
for run in $(seq 1 "$RUNS"); do
  bench_app
  java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 6 > "$WORK/pairs.txt"
  wrk -t2 -c6 -d25s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" > "$WORK/wrk.txt" 2>&1 &
  LOAD=$!
  sleep 4
  started=$(date +%s%N)
  pg_ctlcluster 15 main stop -m fast -- -t 90 > /dev/null 2>&1
  stopped=$(( ($(date +%s%N) - started) / 1000000 ))
  sleep 6
  pg_ctlcluster 15 main start
  wait "$LOAD"
  sleep 3
  printf "run %d  stop %6d ms  %s req/s, %s non-2xx  500s logged %s  connections after %s, CLOSE-WAIT %s\n" "$run" "$stopped" \
    "$(awk '/Requests\/sec/ {print int($2)}' "$WORK/wrk.txt")" "$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")" \
    "$(grep -c 'Unexpected failure' "$WORK/app.log")" \
    "$(ss -tanp | grep ':5432' | grep -c "pid=$APP_PID,")" \
    "$(ss -tanp state close-wait | grep ':5432' | grep -c "pid=$APP_PID,")" | tee -a "$OUT"
  bench_app_stop
done
echo "written to $OUT"
