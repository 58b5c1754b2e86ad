import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a start's main thread goes, from JFR recordings of starts: each execution sample of the thread "main", by
 * phase (Quarkus's static init, its runtime init, before or after them) and by the first library of the stack in
 * the order below (so that the validator's set-up counts as the validator, wherever ArC called it from).
 * Record each start with the AOT cache as it runs, for example:
 *   java -XX:AOTCache=app.aot -XX:FlightRecorderOptions=stackdepth=1024 \
 *     -XX:StartFlightRecording=dumponexit=true,jdk.ExecutionSample#period=1ms,filename=start1.jfr -jar quarkus-run.jar
 * stop it once ready, then: java bench/StartupProfile.java start1.jfr start2.jfr ...
 * JFR slows a start about twofold: compare the shares of profiles made the same way, not their times.
 */
public class StartupProfile {

    /** Library, and what its classes' names contain; the first that matches a frame of the stack wins. */
    private static final String[][] LIBRARIES = {
        {"validator", "hibernate.validator"}, {"flyway", "flywaydb"}, {"flyway", "FlywayProcessor"}, {"openapi", "openapi"},
        {"micrometer", "micrometer"}, {"fault-tolerance", "faulttolerance"}, {"jwt", "jwt"}, {"jwt", "jose4j"},
        {"agroal/pgjdbc", "agroal"}, {"agroal/pgjdbc", "org.postgresql"}, {"reactive-pg", "pgclient"}, {"narayana", "arjuna"},
        {"rest", "resteasy"}, {"vertx-http", "vertx.http"}, {"netty", "io.netty"}, {"vertx", "io.vertx"},
        {"jackson", "jackson"}, {"opentok", "opentok"}, {"opentok", "asynchttpclient"}, {"vonage", "vonage"},
        {"scheduler", "scheduler"}, {"logging", "logmanager"}, {"logging", "LoggingResourceProcessor"},
        {"config", "smallrye.config"}, {"config", "io.quarkus.runtime.configuration"}, {"arc", "io.quarkus.arc"},
        {"service", "com.smarttelehealth"}};

    public static void main(String[] files) throws Exception {
        Map<String, Integer> samples = new TreeMap<>();
        int total = 0;
        for (String file : files) {
            for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(file))) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getThread("sampledThread") == null
                        || !"main".equals(event.getThread("sampledThread").getJavaName())) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                samples.merge(String.format("%-14s %s", phase(frames), library(frames)), 1, Integer::sum);
            }
        }
        System.out.println("main-thread samples: " + total);
        int all = total;
        samples.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> System.out.printf("%6d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / all, e.getKey()));
    }

    private static String phase(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            if (method.endsWith("ApplicationImpl.<clinit>")) {
                return "static-init";
            }
            if (method.endsWith("ApplicationImpl.doStart")) {
                return "runtime-init";
            }
            if (method.endsWith("ApplicationImpl.doStop")) {
                return "stop";
            }
        }
        return "outside";
    }

    private static String library(List<RecordedFrame> frames) {
        for (String[] library : LIBRARIES) {
            for (RecordedFrame frame : frames) {
                if (frame.getMethod().getType().getName().contains(library[1])) {
                    return library[0];
                }
            }
        }
        return "other";
    }
}
