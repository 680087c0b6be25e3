package io.github.distlock.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code run-fleet.sh} as a child process, never building (failsafe runs after the agent jar is built) and with no
 * Redis or distlock settings from the developer's shell, so it always starts a Redis of its own. Its output is
 * collected line by line for tests to wait on.
 */
final class FleetLauncher implements AutoCloseable {

  private static final String SCRIPT_PROPERTY = "distlock.demo.launcher";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  // Guards lines and ended, and is notified whenever either changes.
  private final Object lock = new Object();
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private FleetLauncher(Process process) {
    this.process = process;
    Thread pump = new Thread(this::pump, "run-fleet-output");
    pump.setDaemon(true);
    pump.start();
  }

  static FleetLauncher start(String... args) {
    String script = System.getProperty(SCRIPT_PROPERTY);
    if (script == null || !Files.isRegularFile(Paths.get(script))) {
      throw new IllegalStateException("System property " + SCRIPT_PROPERTY + " is " + script
          + "; run the tests through failsafe (mvn verify), which points it at demo-app/run-fleet.sh");
    }
    List<String> command = new ArrayList<>(List.of("bash", script, "--no-build"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet()
        .removeIf(key -> key.startsWith("REDIS_") || key.startsWith("DISTLOCK_") || key.startsWith("DEMO_"));
    System.out.println("[fleet] $ " + String.join(" ", command));
    try {
      return new FleetLauncher(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
  }

  /** The first match of {@code regex} in a line printed so far or yet to come. */
  Matcher awaitLine(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    synchronized (lock) {
      while (true) {
        for (; checked < lines.size(); checked++) {
          Matcher matcher = pattern.matcher(lines.get(checked));
          if (matcher.find()) {
            return matcher;
          }
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new AssertionError("run-fleet.sh printed no line matching " + regex
              + (ended ? " before its output ended" : " within " + timeout) + ":\n" + output());
        }
        waitForChange(left);
      }
    }
  }

  /** Waits for the launcher to exit and its output to end; on timeout kills it and fails. */
  int awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!ended) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          close();
          throw new AssertionError("run-fleet.sh did not finish within " + timeout + ":\n" + output());
        }
        waitForChange(left);
      }
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("run-fleet.sh closed its output but did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for run-fleet.sh", e);
    }
    return process.exitValue();
  }

  String output() {
    synchronized (lock) {
      return String.join("\n", lines);
    }
  }

  /** The processes the launcher has started and not yet ended: replicas, Redis. */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Sends SIGTERM, as {@code kill} or a CI timeout would. */
  void terminate() {
    process.destroy();
  }

  /** Stops the launcher if it still runs: SIGTERM so that it cleans up, then SIGKILL for it and its children. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> children = descendants();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void waitForChange(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(lock, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for run-fleet.sh", e);
    }
  }

  private void pump() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        System.out.println("[fleet] " + line);
        synchronized (lock) {
          lines.add(line);
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream broke because the launcher was killed; what arrived before is kept.
    } finally {
      synchronized (lock) {
        ended = true;
        lock.notifyAll();
      }
    }
  }
}
