package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.distlock.it.apps.ConfigProbeApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RespClient;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis password never appears in the agent's output, even at debug level: not when it works, and not when it
 * is wrong, malformed or in the wrong place, while the agent reports why it cannot connect or will not. The server
 * requires a password none of the nasty ones below matches, so every connection attempt ends in Lettuce's
 * wrong-password error. See {@link SecrecyCase} for the table.
 */
class PasswordSecrecyIT {

  private static final String SERVER_PASSWORD = "s3cr3t-Pa55";
  private static final Duration RUN = Duration.ofSeconds(60);
  // Two JVMs at a time: the machine has two cores.
  private static final int PARALLEL = 2;

  @RegisterExtension static final RedisServer redis = RedisServer.withPassword(SERVER_PASSWORD);

  @TempDir Path dir;

  @Test
  void correctPasswordLocksAndIsNeverPrintedAtDebugLevel() {
    try (RunningJvm app = ForkedJvm.main(ConfigProbeApp.class)
        // A generous timeout: on a busy machine a slow SET would otherwise skip the body under failMode=closed.
        .withAgent("logLevel=debug,failMode=closed,timeout=5s")
        .env("REDIS_HOST", redis.host())
        .env("REDIS_PORT", Integer.toString(redis.port()))
        .env("REDIS_PASSWORD", SERVER_PASSWORD)
        .args("await-connected")
        .start()) {
      assertEquals(0, app.awaitExit(RUN), "exit status");

      // failMode=closed: the body runs only when the lock was really taken with the password.
      Map<String, String> results = app.results();
      assertEquals("true", results.get("ran"), app.output());
      assertEquals("true", results.get("held"), app.output());
      assertTrue(app.awaitLine("^\\[distlock\\] INFO config: ", Duration.ZERO).contains("password=****"));
      assertEquals(List.of(), SecrecyCase.leaks(app, List.of(SERVER_PASSWORD)), "output lines with the password");
    }
    try (RespClient client = redis.client()) {
      assertEquals(1, client.commandCalls("set"), "the lock's SET reached the server");
    }
  }

  @Test
  void noNastyPasswordIsPrintedFromAnySource() throws Exception {
    List<SecrecyCase> table = SecrecyCase.table();
    System.out.println("PasswordSecrecyIT: " + table.size() + " forked JVMs");
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (SecrecyCase row : table) {
        runs.add(pool.submit(() -> run(row)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> run : runs) {
        String failure = outcome(run);
        if (failure != null) {
          failures.add(failure);
        }
      }
      assertEquals(List.of(), failures, failures.size() + " of " + table.size() + " cases failed");
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs one case; returns null when it passed, else what went wrong with the output's tail. */
  private String run(SecrecyCase row) throws IOException {
    ForkedJvm jvm = ForkedJvm.main(ConfigProbeApp.class).name(row.name()).args("await-go");
    row.configure(jvm, redis.host() + ":" + redis.port(), dir);
    try (RunningJvm app = jvm.start()) {
      List<String> problems = new ArrayList<>();
      try {
        String reached = app.awaitLine(
            "^\\[distlock\\] (DEBUG Redis still unavailable: |ERROR config: invalid configuration)", RUN);
        app.writeLine("go");
        assertEquals(0, app.awaitExit(RUN), "exit status");
        problems.addAll(row.check(app, reached));
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
      List<String> leaks = SecrecyCase.leaks(app, row.secrets());
      if (!leaks.isEmpty()) {
        problems.add("output lines with the password or a fragment of it: " + leaks);
      }
      return problems.isEmpty() ? null : row.name() + ": " + problems + "\n" + tail(app);
    }
  }

  private static String outcome(Future<String> run) throws InterruptedException {
    try {
      return run.get();
    } catch (ExecutionException e) {
      return "crashed: " + e.getCause();
    }
  }

  private static String tail(RunningJvm app) {
    List<String> lines = app.lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Writes a YAML config file for one case. */
  static Path yaml(Path dir, String name, String line) throws IOException {
    Path file = dir.resolve(name + ".yml");
    Files.write(file, List.of("logLevel: debug", line), StandardCharsets.UTF_8);
    return file;
  }
}
