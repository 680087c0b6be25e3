package io.github.distlock.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived JVM of the start-up measurements, timing it from process start to exit. Its output goes to
 * files, never to pipes, so a chatty child cannot block on a full pipe and distort its own timing.
 */
final class ChildJvm {

  /**
   * What a child printed, how long it lived, and when it was launched and seen to end (wall clock, for the child to
   * compare).
   */
  record Outcome(String stdout, String stderr, long wallNanos, long launchedAtMillis, long endedAtMillis) {}

  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private ChildJvm() {}

  static Outcome run(Path logDir, String name, List<String> jvmArgs, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(JAVA.toString());
    command.addAll(jvmArgs);
    command.add(mainClass);
    command.addAll(args);
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    Files.writeString(logDir.resolve(name + ".cmd"), String.join(" ", command) + System.lineSeparator());
    long launchedAtMillis = System.currentTimeMillis();
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(name + " did not finish within " + TIMEOUT + "; see " + out);
    }
    long wallNanos = System.nanoTime() - started;
    long endedAtMillis = System.currentTimeMillis();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + err + ":\n"
          + stderr);
    }
    return new Outcome(stdout, stderr, wallNanos, launchedAtMillis, endedAtMillis);
  }
}
