# Shared set-up of the benchmarks: the packaged (prod) jar on an embedded PostgreSQL, with the provider
# emulator, all on 127.0.0.1. Source it; call bench_start; everything stops when the script exits.
# BENCH_PROVIDER=vonage runs the service on the Vonage Video API (an application and its private key, made here)
# instead of OpenTok, the default.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${BENCH_PORT:-18080}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}
API_KEY=100003
API_SECRET="bench-only-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
CALLBACK_SECRET="bench-only-callback-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PROVIDER=${BENCH_PROVIDER:-opentok}
APPLICATION_ID=$(cat /proc/sys/kernel/random/uuid)
ISSUER=https://bench.smarttelehealth.local/
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
WARMUP=${BENCH_WARMUP:-30}
# the jar bench_app runs; bench/token-ceiling.sh points it at another build
APP_JAR=service/target/quarkus-app/quarkus-run.jar
# what was measured, for the results' headers
COMMIT="commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- service dev-support pom.xml 2>/dev/null || echo ' with uncommitted changes')"

bench_cleanup() { kill "${APP_PID:-}" "${STACK_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap bench_cleanup EXIT

bench_start() {
  bench_stack
  bench_app
}

# the packaged jar (built when missing), the embedded PostgreSQL and the OpenTok emulator
bench_stack() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  if [ ! -f "$APP_JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
    ./mvnw -B -q -ntp package -DskipTests
  fi
  # the service's test class path: its classes, its dependencies and the dev-support module (LocalStack)
  ./mvnw -B -q -ntp -pl service -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" \
    -Dmdep.includeScope=test
  CP="service/target/classes:$(cat target/bench-classpath.txt)"

  if [ "$PROVIDER" = vonage ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/vonage.key" 2>/dev/null
    java -cp "$CP" com.smarttelehealth.video.devsupport.LocalStack vonage "$APPLICATION_ID" "$WORK/vonage.key" \
      > "$WORK/stack.out" 2>"$WORK/stack.err" &
  else
    java -cp "$CP" com.smarttelehealth.video.devsupport.LocalStack "$API_KEY" "$API_SECRET" > "$WORK/stack.out" 2>"$WORK/stack.err" &
  fi
  STACK_PID=$!
  for _ in $(seq 1 120); do grep -q READY "$WORK/stack.out" 2>/dev/null && break; sleep 0.5; done
  grep -q READY "$WORK/stack.out" || { cat "$WORK/stack.err"; exit 1; }
  JDBC_URL=$(sed -n 's/^QUARKUS_DATASOURCE_JDBC_URL=//p' "$WORK/stack.out")
  OPENTOK_URL=$(sed -n 's/^OPENTOK_API_URL=//p' "$WORK/stack.out")
  VONAGE_URL=$(sed -n 's/^VONAGE_API_URL=//p' "$WORK/stack.out")
  PG_PORT=$(echo "$JDBC_URL" | sed -E 's#.*://[^:]+:([0-9]+)/.*#\1#')
}

# Debian's PostgreSQL 15 as a server of its own (installed with apt-get when missing, default settings, SCRAM logins
# over TCP), in place of the embedded one: database and user "video". Needs root. Call it after bench_stack.
bench_debian_pg() {
  command -v pg_ctlcluster >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null; }
  pg_lsclusters | grep -q "^15 *main" || pg_createcluster 15 main >/dev/null
  pg_ctlcluster 15 main start 2>/dev/null || true
  su postgres -c "psql -q -c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'video') then
    create user video password 'video'; end if; end \\\$\\\$;\""
  su postgres -c "psql -Atqc \"select 1 from pg_database where datname = 'video'\"" | grep -q 1 || su postgres -c "createdb -O video video"
  JDBC_URL=jdbc:postgresql://localhost:5432/video
  DB_USER=video
  DB_PASSWORD=video
  DB_SERVER="Debian's PostgreSQL $(su postgres -c 'psql -Atqc "show server_version"')"
}

# the service, as in production; READY_MS is the time from launch to the first ready answer
bench_app() {
  local started
  if curl -s -o /dev/null "$BASE/q/health/live"; then
    echo "port $PORT already answers: stop what runs there first" >&2; exit 1
  fi
  # only the chosen provider's settings, as a deployment gives them
  if [ "$PROVIDER" = vonage ]; then
    PROVIDER_SETTINGS=(VONAGE_APPLICATION_ID="$APPLICATION_ID" VONAGE_PRIVATE_KEY_LOCATION="$WORK/vonage.key"
      VONAGE_API_URL="$VONAGE_URL" VONAGE_CALLBACK_SECRET="$CALLBACK_SECRET")
  else
    PROVIDER_SETTINGS=(OPENTOK_API_KEY="$API_KEY" OPENTOK_API_SECRET="$API_SECRET" OPENTOK_API_URL="$OPENTOK_URL"
      OPENTOK_CALLBACK_SECRET="$CALLBACK_SECRET")
  fi
  started=$(date +%s%N)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME="${DB_USER:-postgres}" \
  QUARKUS_DATASOURCE_PASSWORD="${DB_PASSWORD:-postgres}" VIDEO_PROVIDER=$PROVIDER \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/service/src/test/resources/jwt/publicKey.pem" \
  MP_JWT_VERIFY_ISSUER=$ISSUER MP_JWT_VERIFY_AUDIENCES=smarttelehealth-video QUARKUS_LOG_LEVEL=${BENCH_LOG_LEVEL:-WARN} \
  VIDEOCALL_RATE_LIMIT_TOKEN_REQUESTS_PER_MINUTE=100000000 VIDEOCALL_RATE_LIMIT_SESSION_CREATES_PER_MINUTE=100000000 \
    env "${PROVIDER_SETTINGS[@]}" "${BENCH_JAVA:-java}" $JAVA_OPTS -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 3000); do
    curl -sf "$BASE/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || break # it stopped: no use waiting
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  curl -sf "$BASE/q/health/ready" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
}

# bench_patched_build <folder> <patch>: this checkout's build with <patch> applied, made in <folder> (the patch is
# for a measurement only and never ships); the bench stops when the patch no longer applies
bench_patched_build() {
  local dir=$1 patch=$2 root=$PWD
  mkdir -p "$dir"
  cp -r pom.xml mvnw .mvn dev-support service "$dir"/
  rm -rf "$dir/service/target" "$dir/dev-support/target"
  (cd "$dir" && git apply "$root/$patch") || { echo "$patch no longer applies: update it" >&2; exit 1; }
  echo "building the jar with $patch..." >&2
  (cd "$dir" && ./mvnw -B -q -ntp package -DskipTests)
}

bench_app_stop() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

# The JVM flags of an image (by default the JVM image, service/src/main/docker/Dockerfile.jvm, as its run-java.sh
# gives them): the collector (GC_CONTAINER_OPTIONS, where the image sets it), then JAVA_OPTS_APPEND; the base image's
# other defaults are set again there, or concern only the parallel collector.
bench_image_flags() {
  local file=${1:-service/src/main/docker/Dockerfile.jvm}
  echo "$(sed -n 's/^ENV GC_CONTAINER_OPTIONS="\(.*\)"$/\1/p' "$file") $(sed -n 's/^ENV JAVA_OPTS_APPEND="\(.*\)"$/\1/p' "$file")"
}

# The image's malloc setting, as NAME=value
bench_image_malloc() {
  sed -n 's/^ENV \(MALLOC_ARENA_MAX=[0-9]*\)$/\1/p' service/src/main/docker/Dockerfile.jvm
}

# psql against the embedded PostgreSQL
bench_sql() { PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

# wrk --latency output -> "<req/s> <p50> <p99> non-2xx <n>"
bench_summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5} END {printf "%10.0f req/s  p50 %8s  p99 %8s  non-2xx %s\n", rps, p50, p99, (err==""?0:err)}'
}
