#!/usr/bin/env bash
# Events, analytics and callback ingestion at scale, on this machine, all on 127.0.0.1:
#  - seeds BENCH_SESSIONS sessions (default 10,000) with 100 events each (1,000,000 by default), 4 connections,
#    2 streams and 2 quality samples each, straight into PostgreSQL. The newest 10,000 sessions are active, each
#    with one open connection of a basic-plan patient; any older ones are ended, their connections closed, as a
#    platform's years of finished visits are. Every 10 sessions share a chat room;
#  - wrk: the events page, the analytics and the chat-room feed of random sessions (p50/p99), at a few
#    connections and at one (with more than 10,000 sessions, also of the recent ones only); token issuance, at
#    one connection;
#  - the quota job's statement (the exhausted basic-plan connections), timed in PostgreSQL;
#  - wrk: signed connectionCreated callbacks (bench/CallbackBench.java) as fast as they are taken,
#    then checks that every distinct callback made exactly one connection row (redeliveries none).
#   bench/events-analytics.sh [seconds] [connections]
#   BENCH_SESSIONS=200000 bench/events-analytics.sh   # 20,000,000 events: how the costs grow with the data
# Writes bench/results/events-analytics-<UTC time>.txt.
DURATION=${1:-20}
CONNECTIONS=${2:-4}
source "$(dirname "$0")/lib.sh"
bench_start

SESSIONS=${BENCH_SESSIONS:-10000}
ACTIVE=$(( SESSIONS < 10000 ? SESSIONS : 10000 ))
EVENTS_SEEDED=$((SESSIONS * 100))
echo "seeding $SESSIONS sessions and $EVENTS_SEEDED events..." >&2
bench_sql -v sessions="$SESSIONS" -v active="$ACTIVE" <<'SQL'
-- bench-1 .. bench-<active> started 2 hours ago and are going on; the others ended, a few minutes apart going back
-- from yesterday (bench/CallbackBench.java reports connections in the active ones)
insert into video_session (session_id, name, type, status, media_mode, archive_mode, e2ee, created_by, created_at,
                           ended_at, chat_room_id)
  select 'bench-' || i, 'Bench ' || i, 'consultation', case when i <= :active then 'active' else 'ended' end,
         'routed', 'manual', false, 'bench-dr',
         case when i <= :active then now() - interval '2 hours'
              else now() - interval '1 day' - (i - :active) * interval '3 minutes' end,
         case when i > :active then now() - interval '23 hours' - (i - :active) * interval '3 minutes' end,
         'bench-' || ((i - 1) / 10 + 1)
  from generate_series(1, :sessions) i;
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
-- each session's patients are its own; the 4th connection of an active session is still open
insert into session_connection (connection_id, session_pk, user_id, display_name, role, connected_at, disconnected_at)
  select 'seed-' || s.id || '-' || g, s.id, 'user-' || s.id || '-' || g, 'User', 'patient',
         s.created_at + (g * 60 || ' seconds')::interval,
         case when g < 4 or s.status = 'ended' then s.created_at + (g * 60 + 1800 || ' seconds')::interval end
  from video_session s, generate_series(1, 4) g where s.session_id like 'bench-%';
-- the open connections' patients are on a basic plan with minutes left: the quota job looks at each of them
insert into entitlement (user_id, plan, monthly_minutes, updated_by, updated_at)
  select c.user_id, 'basic', 600, 'bench', now() from session_connection c
  where c.disconnected_at is null and c.connection_id like 'seed-%';
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
  echo "# events page, analytics, chat-room feed, tokens, quota job and callback ingestion at $EVENTS_SEEDED events / $SESSIONS sessions ($ACTIVE active)"
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
    if [ "$SESSIONS" -gt "$ACTIVE" ]; then
      # the same reads of the recent sessions only (the active ones), as a platform's reads mostly are: with
      # 1,000,000 events every session is recent, so these rows compare with the rows above at that size
      for c in "$CONNECTIONS" 1; do
        wrk -t1 -c"$c" -d"${WARMUP}s" -s bench/random-session.lua "$BASE" -- "/api/videocall/sessions/" "$path" "$SERVICE_JWT" "$ACTIVE" >/dev/null
        RESULT=$(wrk -t1 -c"$c" -d"${DURATION}s" --latency -s bench/random-session.lua "$BASE" -- \
          "/api/videocall/sessions/" "$path" "$SERVICE_JWT" "$ACTIVE" | bench_summary)
        printf "%-28s %s  (%s connection(s), the %s recent sessions only)\n" "GET ...$path" "$RESULT" "$c" "$ACTIVE"
      done
    fi
  done
  # the chat-room feed: a room's 10 sessions, 1,000 events
  ROOMS=$((SESSIONS / 10))
  for c in "$CONNECTIONS" 1; do
    wrk -t1 -c"$c" -d"${WARMUP}s" -s bench/random-session.lua "$BASE" -- "/api/videocall/chat-rooms/" "/events?size=20" "$SERVICE_JWT" "$ROOMS" >/dev/null
    RESULT=$(wrk -t1 -c"$c" -d"${DURATION}s" --latency -s bench/random-session.lua "$BASE" -- \
      "/api/videocall/chat-rooms/" "/events?size=20" "$SERVICE_JWT" "$ROOMS" | bench_summary)
    printf "%-28s %s  (%s connection(s))\n" "GET chat-rooms/.../events" "$RESULT" "$c"
  done
  # tokens: 200 consultations made through the API (a token needs a session id the provider minted), each with
  # its own patient, among all the seeded rows
  java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 200 > "$WORK/token-pairs.txt"
  wrk -t1 -c1 -d"${WARMUP}s" -s bench/tokens.lua "$BASE" -- "$WORK/token-pairs.txt" >/dev/null
  RESULT=$(wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/tokens.lua "$BASE" -- "$WORK/token-pairs.txt" | bench_summary)
  printf "%-28s %s  (one connection)\n" "POST .../token" "$RESULT"
  # the quota job's one statement (EntitlementStore.exhaustedBasicConnections), 10 times, in PostgreSQL
  QUOTA_MS=$(for _ in $(seq 1 10); do
    bench_sql -tA <<'SQL' | awk '/Execution Time/ {print $3}'
explain (analyze, format text) select c.connection_id, c.user_id, c.session_pk, s.session_id
  from session_connection c join video_session s on s.id = c.session_pk join entitlement e on e.user_id = c.user_id
  where c.disconnected_at is null and c.role = 'patient' and s.type = 'consultation' and e.plan = 'basic'
    and not exists (select 1 from quota_disconnect q where q.connection_id = c.connection_id)
    and video_seconds_used(c.user_id, date_trunc('month', now()), date_trunc('month', now()) + interval '1 month',
                           now()) >= e.monthly_minutes * 60;
SQL
  done | sort -n)
  printf "%-28s median %s ms, max %s ms over 10 runs, %s open basic-plan connections\n" "quota job statement" \
    "$(echo "$QUOTA_MS" | sed -n 5p)" "$(echo "$QUOTA_MS" | tail -1)" \
    "$(bench_sql -tAc "select count(*) from session_connection where disconnected_at is null")"

  CALLBACKS=${BENCH_CALLBACKS:-120000}
  java bench/CallbackBench.java "$CALLBACK_SECRET" "$ACTIVE" "$CALLBACKS" "$WORK/callbacks.txt"
  # warm up the callback path on connections of its own, so the measured sends are all first deliveries
  java bench/CallbackBench.java "$CALLBACK_SECRET" "$ACTIVE" "$CALLBACKS" "$WORK/warm-callbacks.txt" warm-conn-
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
