#!/usr/bin/env bash
# What a Quarkus service starts in on this machine, beside this one: launch to first ready answer of
#  - a minimal application of the same Quarkus version (Quarkus REST, one resource, SmallRye Health);
#  - the same application with every extension the service uses (read from service/pom.xml) and the service's
#    migrations, on the same PostgreSQL: what the extensions cost before any code of ours;
#  - the service;
# all on JDK 25 with an AOT cache of their own (each trained by a short run of its own) and the JVM image's flags,
# alternately in the same run. The service's jar must carry its cache (the .ci/aot-start build).
#   bench/startup-floor.sh [rounds]
# Writes bench/results/startup-floor-<UTC time>.txt.
ROUNDS=${1:-5}
source "$(dirname "$0")/lib.sh"
JDK25=${BENCH_JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
[ -n "$JDK25" ] || { echo "startup-floor: no JDK 25 here, no AOT cache to measure"; exit 0; }
SERVICE_AOT=$(dirname "$APP_JAR")/app.aot
[ -f "$SERVICE_AOT" ] || {
  echo "startup-floor: $APP_JAR has no app.aot beside it; build it first, with JDK 25:"
  echo "  ./mvnw verify -Dquarkus.package.jar.aot.enabled=true -Dtest=NoUnitTestsHere" \
    "-Dsurefire.failIfNoSpecifiedTests=false -Dit.test=MainFlowsIT"
  exit 1
}
QUARKUS_VERSION=$(sed -n 's#.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*#\1#p' pom.xml)
IMAGE_FLAGS="$(bench_image_flags service/src/main/docker/Dockerfile.jvm-aot) -XX:MaxRAM=$(awk '/limits:/ {getline; print $2; exit}' k8s/base/deployment.yaml | sed 's/Mi$/m/')"
export $(bench_image_malloc)

# floor_build <folder> <group:artifact>...: the minimal application with those dependencies, packaged as the
# service is (the AOT jar layout)
floor_build() {
  local dir=$1 deps="" dep
  shift
  for dep in "$@"; do
    deps="$deps<dependency><groupId>${dep%%:*}</groupId><artifactId>${dep#*:}</artifactId></dependency>"
  done
  mkdir -p "$dir/src/main/java/floor" "$dir/src/main/resources"
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>floor</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencyManagement><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-bom</artifactId>
    <version>$QUARKUS_VERSION</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>$deps</dependencies>
  <build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId>
    <version>$QUARKUS_VERSION</version><extensions>true</extensions>
    <executions><execution><goals><goal>build</goal></goals></execution></executions></plugin></plugins></build>
</project>
POM
  cat > "$dir/src/main/java/floor/Hello.java" <<'JAVA'
package floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/hello")
public class Hello {
    @GET
    public String hello() {
        return "hello";
    }
}
JAVA
  JAVA_HOME="$JDK25" ./mvnw -B -q -ntp -f "$dir/pom.xml" package -Dquarkus.package.jar.aot.enabled=true
}

# floor_start <folder> [java options]: starts that application, with the bench's PostgreSQL (only the one with the
# service's extensions uses it); READY_MS as bench_app gives it
floor_start() {
  local started dir=$1
  shift
  started=$(date +%s%N)
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_REACTIVE_URL="$(echo "$JDBC_URL" | sed 's#^jdbc:##; s#?.*##')" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/service/src/test/resources/jwt/publicKey.pem" MP_JWT_VERIFY_ISSUER=$ISSUER \
    "$JDK25/bin/java" $IMAGE_FLAGS "$@" -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN \
    -jar "$dir/target/quarkus-app/quarkus-run.jar" > "$WORK/floor.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 3000); do
    curl -sf "$BASE/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  curl -sf "$BASE/q/health/ready" >/dev/null || { tail -30 "$WORK/floor.log"; exit 1; }
}

# the service's own dependencies on Quarkus extensions (and Flyway's PostgreSQL support), not its tests'
SERVICE_EXTENSIONS=$(awk '/<dependency>/ {g = ""; a = ""; s = ""; d = 1}
  d && /<groupId>/ {gsub(/.*<groupId>|<\/groupId>.*/, ""); g = $0}
  d && /<artifactId>/ && a == "" {gsub(/.*<artifactId>|<\/artifactId>.*/, ""); a = $0}
  d && /<scope>/ {gsub(/.*<scope>|<\/scope>.*/, ""); s = $0}
  /<\/dependency>/ {if (d && s == "" && (g == "io.quarkus" || a ~ /^flyway-/)) print g ":" a; d = 0}' service/pom.xml)
MINIMAL=$WORK/minimal
EXTENDED=$WORK/extended
floor_build "$MINIMAL" io.quarkus:quarkus-rest io.quarkus:quarkus-smallrye-health
mkdir -p "$EXTENDED/src/main/resources/db"
cp -r service/src/main/resources/db/migration "$EXTENDED/src/main/resources/db/"
printf '%s\n' quarkus.datasource.db-kind=postgresql quarkus.devservices.enabled=false \
  quarkus.flyway.migrate-at-start=true quarkus.log.console.json.enabled=true \
  > "$EXTENDED/src/main/resources/application.properties"
# shellcheck disable=SC2086 # one argument each
floor_build "$EXTENDED" io.quarkus:quarkus-rest $SERVICE_EXTENSIONS

bench_stack
# the training runs: JDK 25 writes the cache as the JVM exits (JEP 514)
for dir in "$MINIMAL" "$EXTENDED"; do
  floor_start "$dir" -XX:AOTCacheOutput="$dir/target/quarkus-app/app.aot"
  for _ in $(seq 1 200); do curl -s -o /dev/null "$BASE/hello"; done
  bench_app_stop
  [ -s "$dir/target/quarkus-app/app.aot" ] || { echo "startup-floor: the training run in $dir wrote no cache"; exit 1; }
done
JAVA_OPTS="$IMAGE_FLAGS -XX:AOTCache=$SERVICE_AOT"
BENCH_JAVA="$JDK25/bin/java" bench_app # a first start, not counted (the floor migrated the database already)
bench_app_stop

mkdir -p bench/results
OUT="bench/results/startup-floor-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# start-up floor, $(date -u +%FT%TZ), $COMMIT, $(nproc) cores, $("$JDK25/bin/java" -version 2>&1 | head -1)"
  echo "# each with an AOT cache of its own (the service's $(($(stat -c %s "$SERVICE_AOT") / 1048576)) MiB, the minimal" \
    "application's $(($(stat -c %s "$MINIMAL/target/quarkus-app/app.aot") / 1048576)) MiB, with the service's extensions" \
    "$(($(stat -c %s "$EXTENDED/target/quarkus-app/app.aot") / 1048576)) MiB) and the image's flags:$IMAGE_FLAGS"
  echo "# the service's extensions:" $SERVICE_EXTENSIONS
  for i in $(seq 1 "$ROUNDS"); do
    floor_start "$MINIMAL" -XX:AOTCache="$MINIMAL/target/quarkus-app/app.aot"
    echo "round $i    a minimal Quarkus REST application     launch to first ready answer  ${READY_MS} ms"
    bench_app_stop
    floor_start "$EXTENDED" -XX:AOTCache="$EXTENDED/target/quarkus-app/app.aot"
    echo "round $i    the same, the service's extensions     launch to first ready answer  ${READY_MS} ms"
    bench_app_stop
    BENCH_JAVA="$JDK25/bin/java" bench_app
    echo "round $i    the service                            launch to first ready answer  ${READY_MS} ms  (target < 1000 ms)"
    bench_app_stop
  done
} | tee "$OUT"
echo "written to $OUT"
