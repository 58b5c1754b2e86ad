#!/usr/bin/env bash
# What the JVM holds of the service's code: classes loaded and metaspace, after 5 s of token load and 50 session
# creates, with the image's JVM flags under the Deployment's memory limit (as bench/startup-memory.sh runs it).
#   bench/classes-loaded.sh
# Writes bench/results/classes-loaded-<UTC time>.txt.
source "$(dirname "$0")/lib.sh"
JAVA_OPTS="$(bench_image_flags) -XX:MaxRAM=$(awk '/limits:/ {getline; print $2; exit}' k8s/base/deployment.yaml | sed 's/Mi$/m/')"
export $(bench_image_malloc)
bench_stack
bench_app
mkdir -p bench/results
OUT="bench/results/classes-loaded-$(date -u +%Y%m%dT%H%M%SZ).txt"
java bench/TokenBench.java setup "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" 50 > "$WORK/pairs.txt"
wrk -t2 -c8 -d5s -s bench/tokens.lua "$BASE" -- "$WORK/pairs.txt" > /dev/null
PROVIDER_JWT=$(java bench/TokenBench.java jwt "$BASE" service/src/test/resources/jwt/privateKey.pem "$ISSUER" bench-dr provider)
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" bench/SessionBench.java \
  "$BASE" "$OPENTOK_URL" "$API_KEY" "$API_SECRET" "$PROVIDER_JWT" 50 > /dev/null
{
  echo "# classes loaded, $(date -u +%FT%TZ), $COMMIT, $(java -version 2>&1 | head -1); app JVM options: $JAVA_OPTS"
  echo "classes loaded (jstat -class: loaded, KiB, unloaded, KiB, s): $(jstat -class "$APP_PID" | tail -1)"
  jcmd "$APP_PID" VM.metaspace | grep -E "^ *Both: .*committed|^ *(Non-class|Class) space:" | head -3
} | tee "$OUT"
bench_app_stop
echo "written to $OUT"
