#!/usr/bin/env bash
# Events, analytics and callback ingestion at scale, on this machine, all on 127.0.0.1:
#  - seeds 10,000 sessions with 1,000,000 events (100 each), 40,000 connections, 20,000 streams and
#    20,000 quality samples straight into PostgreSQL;
#  - wrk: the events page and the analytics of random sessions (p50/p99), at a few connections;
#  - wrk: signed connectionCreated callbacks (bench/CallbackBench.java) as fast as they are taken,
#    then checks that every distinct callback made exactly one connection row (redeliveries none).
#   bench/events-analytics.sh [seconds] [connections]
# Writes bench/results/events-analytics-<UTC time>.txt.
DURATION=${1:-20}
CONNECTIONS=${2:-4}
source "$(dirname "$0")/lib.sh"
bench_start

SESSIONS=10000
echo "seeding $SESSIONS sessions and 1,000,000 events..." >&2
bench_sql <<'SQL'
insert into video_session (session_id, name, type, status, media_mode, archive_mode, e2ee, created_by, created_at)
  select 'bench-' || i, 'Bench ' || i, 'consultation', 'active', 'routed', 'manual', false, 'bench-dr',
         now() - interval '2 hours'
  from generate_series(1, 10000) i;
insert into session_participant (session_pk, user_id, role, display_name, added_at)
  select id, 'bench-dr', 'provider', 'Dr Bench', created_at from video_session where session_id like 'bench-%';
-- the patient whose connections bench/CallbackBench.java reports in each session (bench-user-<(n-1) mod 5000> in
-- bench-<n>): the door lets them in, as it does a real call's people
insert into session_participant (session_pk, user_id, role, display_name, added_at)
  select id, 'bench-user-' || ((substr(session_id, 7)::int - 1) % 5000), 'patient', 'Pat Bench', created_at
  from video_session where session_id like 'bench-%';
insert into session_event (event_id, session_pk, type, occurred_at, actor_id, details)
  select gen_random_uuid(), s.id,
         (array['token_issued','connection_created','stream_created','stream_destroyed','connection_destroyed'])[1 + g % 5],
         s.created_at + (g || ' seconds')::interval, 'bench-dr', '{}'::jsonb
  from video_session s, generate_series(1, 100) g where s.session_id like 'bench-%';
insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at, disconnected_at)
  select 'seed-' || s.id || '-' || g, s.id, 'user-' || g, 'User', 'patient', s.created_at + (g * 60 || ' seconds')::interval,
         case when g < 4 then s.created_at + (g * 60 + 1800 || ' seconds')::interval end
  from video_session s, generate_series(1, 4) g where s.session_id like 'bench-%';
insert into session_stream (stream_id, session_pk, connection_id, video_type, created_at)
  select 'seed-' || s.id || '-' || g, s.id, 'seed-' || s.id || '-' || g, case when g = 2 then 'screen' else 'camera' end,
         s.created_at + (g * 60 || ' seconds')::interval
  from video_session s, generate_series(1, 2) g where s.session_id like 'bench-%';
insert into quality_sample (session_pk, user_id, round_trip_ms, packet_loss_percent, video_bitrate_kbps, audio_bitrate_kbps, measured_at)
  select s.id, 'user-1', 40 + g, g % 5, 900, 48, s.created_at from video_session s, generate_series(1, 2) g
  where s.session_id like 'bench-%';
analyze;
SQL
# vacuum too, as autovacuum would have over the months these rows took: right after a bulk load,
# counts visit every heap page (a session's events lie on 100 pages) and autovacuum catches up
# during the measurement. The first vacuum right after the load can leave the visibility map
# empty, so vacuum until it is set.
for _ in 1 2 3; do
  sleep 2
  bench_sql -c "vacuum analyze session_event, session_connection, session_stream, quality_sample"
  [ "$(bench_sql -tAc "select relallvisible > 0 from pg_class where relname = 'session_event'")" = t ] && break
done
SERVICE_JWT=$(java bench/TokenBench.java jwt "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" bench-svc service)

mkdir -p bench/results
OUT="bench/results/events-analytics-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# events page, analytics and callback ingestion at 1,000,000 events / 10,000 sessions"
  echo "# $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $(java -version 2>&1 | head -1); app JVM options: $JAVA_OPTS"
  echo "# rows: $(bench_sql -tAc "select count(*) from session_event") events, $(bench_sql -tAc "select count(*) from session_connection") connections;" \
    "all-visible pages of session_event: $(bench_sql -tAc "select relallvisible || ' of ' || relpages from pg_class where relname = 'session_event'")"
  # the floor of this machine: the service's cheapest answer, from the I/O thread with no database,
  # one request at a time; its p99 is what scheduling alone costs here
  wrk -t1 -c1 -d"${WARMUP}s" "$BASE/q/health/live" >/dev/null
  RESULT=$(wrk -t1 -c1 -d"${DURATION}s" --latency "$BASE/q/health/live" | bench_summary)
  printf "%-28s %s  (one connection: the machine's floor)\n" "GET /q/health/live" "$RESULT"
  for path in "/events?page=0&size=20" "/analytics"; do
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/random-session.lua "$BASE" -- "/api/videocall/sessions/" "$path" "$SERVICE_JWT" "$SESSIONS" >/dev/null
    RESULT=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/random-session.lua "$BASE" -- \
      "/api/videocall/sessions/" "$path" "$SERVICE_JWT" "$SESSIONS" | bench_summary)
    printf "%-28s %s  (%s connections, the cores saturated; target p99 < 10 ms)\n" "GET ...$path" "$RESULT" "$CONNECTIONS"
    # one client, so the latency of the request itself, with no queue behind the two cores
    RESULT=$(wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/random-session.lua "$BASE" -- \
      "/api/videocall/sessions/" "$path" "$SERVICE_JWT" "$SESSIONS" | bench_summary)
    printf "%-28s %s  (one connection)\n" "GET ...$path" "$RESULT"
  done

  CALLBACKS=${BENCH_CALLBACKS:-120000}
  java bench/CallbackBench.java "$CALLBACK_SECRET" "$SESSIONS" "$CALLBACKS" "$WORK/callbacks.txt"
  # warm up the callback path on connections of its own, so the measured sends are all first deliveries
  java bench/CallbackBench.java "$CALLBACK_SECRET" "$SESSIONS" "$CALLBACKS" "$WORK/warm-callbacks.txt" warm-conn-
  wrk -t2 -c16 -d"${WARMUP}s" -s bench/callbacks.lua "$BASE" -- "$WORK/warm-callbacks.txt" 2 >/dev/null
  RESULT=$(wrk -t2 -c16 -d"${DURATION}s" --latency -s bench/callbacks.lua "$BASE" -- "$WORK/callbacks.txt" 2 | tee "$WORK/wrk-callbacks.txt" | bench_summary)
  SENT=$(awk '/requests in/ {print $1}' "$WORK/wrk-callbacks.txt")
  DISTINCT=$(( SENT < CALLBACKS ? SENT : CALLBACKS ))
  ROWS=$(bench_sql -tAc "select count(*) from session_connection where connection_id like 'bench-conn-%'")
  EVENTS=$(bench_sql -tAc "select count(*) from session_event where type = 'connection_created' and dedup_key like 'connection_created:bench-conn-%'")
  printf "%-28s %s  (target >= 2000/s, signed)\n" "POST callbacks" "$RESULT"
  echo "callbacks answered $SENT (distinct $DISTINCT); connection rows $ROWS, connection_created events $EVENTS"
  echo "(one row and one event per distinct callback taken: rows = events; a few more than answered are requests"
  echo " still in flight when wrk stopped counting)"
  [ "$ROWS" = "$EVENTS" ] || echo "MISMATCH: a callback had more or less than one effect"
} | tee "$OUT"
echo "written to $OUT"
