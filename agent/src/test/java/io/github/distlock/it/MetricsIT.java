package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.MetricsApp;
import io.github.distlock.it.support.Await;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.JmxLocks;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metrics where operators already look: Micrometer's global registry in an app that has Micrometer (Spring Boot's
 * {@code /actuator/prometheus}), and Prometheus' JMX exporter with the rules file distlock ships. Both give the same
 * names: {@code distlock_<event>_total{key="..."}}.
 */
class MetricsIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final Path RULES = Paths.get("..", "deploy", "prometheus", "distlock-jmx-exporter.yml");
  private static final Pattern SAMPLE = Pattern.compile("(?m)^(distlock_\\w+)\\{key=\"([^\"]+)\"[^}]*} (\\S+)$");

  @Test
  void anAppWithMicrometerHasEachKeysCountersInItsGlobalRegistry() {
    try (RespClient client = redis.client()) {
      client.setNxPx("it:metrics:busy", "another-replica", 60_000);
    }
    try (RunningJvm app = ForkedJvm.main(MetricsApp.class).args("micrometer").classpath(micrometerJars())
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:").start()) {
      app.awaitLine("^DONE$", RUN);
      assertEquals("3", app.results().get("jobRuns"));
      assertEquals("false", app.results().get("busyRan"), "skipped: the lock is held elsewhere");
      String scrape = Await.value("the three releases counted", RUN, () -> {
        String now = scrape(app);
        return now.contains("distlock_released_total{key=\"it:metrics:job\"} 3.0") ? now : null;
      });
      assertSamples(scrape);
      assertTrue(scrape.contains("# TYPE distlock_acquired_total counter"), scrape);
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(RUN));
    }
  }

  @Test
  void theJmxExporterWithTheShippedRulesGivesTheSameNames() throws Exception {
    assertTrue(Files.isRegularFile(RULES), RULES.toAbsolutePath().toString());
    try (RespClient client = redis.client()) {
      client.setNxPx("it:metrics:busy", "another-replica", 60_000);
    }
    int port = freePort();
    int jmxPort = JmxLocks.freePort();
    long started = System.currentTimeMillis();
    String exporter = System.getProperty("distlock.it.jmxExporter", "target/other-agents/jmx_prometheus_javaagent.jar");
    try (RunningJvm app = JmxLocks.enable(ForkedJvm.main(MetricsApp.class).args("plain")
        .jvmArg("-javaagent:" + exporter + "=127.0.0.1:" + port + ":" + RULES.toAbsolutePath())
        .withAgent("redis.url=" + redis.url() + ",keyPrefix=it:"), jmxPort).start()) {
      app.awaitLine("^DONE$", RUN);
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      String scrape = Await.value("the three releases counted", RUN, () -> {
        try {
          String now = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
          return now.contains("distlock_released_total{key=\"it:metrics:job\"} 3.0") ? now : null;
        } catch (IOException e) {
          return null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      });
      assertSamples(scrape);
      assertTrue(scrape.contains("# TYPE distlock_acquired_total counter"), scrape);
      // JMX itself: each key's latest run and state as this JVM saw them.
      try (JmxLocks jmx = JmxLocks.connect(jmxPort, RUN)) {
        assertEquals(Map.of("lastRunOutcome", "ok", "state", "ok"), jmx.words("it:metrics:job"));
        assertTrue(jmx.key("it:metrics:job").get("lastRunStartedAtMillis") >= started);
        assertEquals("running", jmx.words("it:metrics:busy").get("state"), "found held by another replica");
        assertEquals(-1L, jmx.key("it:metrics:busy").get("lastRunStartedAtMillis"), "no run of its own");
      }
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(RUN));
    }
  }

  /** What both publishers must show after three runs and one skip, under the same names. */
  private static void assertSamples(String scrape) {
    assertTrue(scrape.contains("distlock_acquired_total{key=\"it:metrics:job\"} 3.0"), scrape);
    assertTrue(scrape.contains("distlock_skipped_total{key=\"it:metrics:busy\"} 1.0"), scrape);
    assertTrue(scrape.contains("distlock_failed_open_total{key=\"it:metrics:job\"} 0.0"), scrape);
    Set<String> names = new TreeSet<>();
    Matcher sample = SAMPLE.matcher(scrape);
    while (sample.find()) {
      names.add(sample.group(1));
    }
    assertEquals(Set.of("distlock_acquired_total", "distlock_skipped_total", "distlock_failed_open_total",
        "distlock_failed_closed_total", "distlock_failed_last_holder_total", "distlock_released_total",
        "distlock_renewed_total", "distlock_lost_total", "distlock_errors_total", "distlock_advice_errors_total",
        "distlock_stuck_seen_total", "distlock_last_hold_milliseconds"), names, scrape);
  }

  private static String scrape(RunningJvm app) {
    int scrape = (int) app.stdoutLines().stream().filter(line -> line.startsWith("SCRAPE ")).count() + 1;
    app.writeLine("scrape");
    app.awaitLine("^END " + scrape + "$", RUN);
    List<String> lines = app.stdoutLines();
    return String.join("\n", lines.subList(lines.indexOf("SCRAPE " + scrape) + 1, lines.indexOf("END " + scrape)));
  }

  // The application's own Micrometer and Prometheus client: the agent brings none.
  private static Path[] micrometerJars() {
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("micrometer") || entry.contains("prometheus") || entry.contains("HdrHistogram")
          || entry.contains("LatencyUtils")) {
        jars.add(Paths.get(entry));
      }
    }
    assertTrue(jars.size() >= 3, "Micrometer on the test class path: " + jars);
    return jars.toArray(new Path[0]);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
