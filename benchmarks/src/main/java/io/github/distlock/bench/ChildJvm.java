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
 * files, never to pipes, so a chatty child cannot block on a full pipe and distort its own timing. On request the
 * JVM runs under GNU time, which reports what the harness cannot see from outside: CPU time and peak resident set.
 */
final class ChildJvm {

  /**
   * What a child printed, how long it lived, and when it was launched and seen to end (wall clock, for the child to
   * compare).
   */
  record Outcome(String stdout, String stderr, long wallNanos, long launchedAtMillis, long endedAtMillis,
      Usage usage) {}

  /**
   * What GNU time reported for the whole process: CPU (user + system, in the kernel's 10 ms ticks) and the peak
   * resident set. Wall time comes from {@link Outcome#wallNanos}, which is finer than GNU time's 10 ms.
   */
  record Usage(double cpuMillis, double peakRssMib) {}

  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  /** Elapsed seconds, user seconds, system seconds, peak RSS in KiB: one line. */
  private static final String TIME_FORMAT = "%e %U %S %M";

  private ChildJvm() {}

  static Outcome run(Path logDir, String name, List<String> jvmArgs, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return run(logDir, name, jvmArgs, mainClass, args, false);
  }

  /** Like {@link #run}, under GNU time, so that the outcome carries its {@link Usage}. */
  static Outcome runTimed(Path logDir, String name, List<String> jvmArgs, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return run(logDir, name, jvmArgs, mainClass, args, true);
  }

  private static Outcome run(Path logDir, String name, List<String> jvmArgs, String mainClass, List<String> args,
      boolean gnuTime) throws IOException, InterruptedException {
    Path timeFile = logDir.resolve(name + ".time");
    List<String> command = new ArrayList<>();
    if (gnuTime) {
      if (!Files.isExecutable(GNU_TIME)) {
        throw new IllegalStateException(GNU_TIME + " (GNU time) not found: install it (apt-get install time)");
      }
      command.addAll(List.of(GNU_TIME.toString(), "-f", TIME_FORMAT, "-o", timeFile.toString()));
    }
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
    Usage usage = gnuTime ? usage(timeFile) : null;
    return new Outcome(stdout, stderr, wallNanos, launchedAtMillis, endedAtMillis, usage);
  }

  // The figures are on the file's last line: GNU time puts a note about a non-zero exit status above them.
  private static Usage usage(Path timeFile) throws IOException {
    List<String> lines = Files.readAllLines(timeFile, StandardCharsets.UTF_8);
    String[] fields = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split("\\s+");
    if (fields.length != 4) {
      throw new IllegalStateException("unexpected GNU time output in " + timeFile + ": " + lines);
    }
    double cpuSeconds = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
    return new Usage(cpuSeconds * 1000, Long.parseLong(fields[3]) / 1024.0);
  }
}
