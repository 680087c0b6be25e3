package io.github.distlock.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A JVM started by {@link ForkedJvm}. Its stdout and stderr are collected line by line (and echoed with a name
 * prefix, for debugging) so tests can wait for what it prints and command it through stdin.
 */
public final class RunningJvm implements AutoCloseable {

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int TAIL_LINES = 40;
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  /** How the agent reports a failure of the advice woven into a method, once per method. */
  private static final String ADVICE_ERROR = "the advice woven into ";

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RunningJvm::killTree), "forked-jvm-cleanup"));
  }

  private record Line(boolean stderr, String text) {}

  private final String name;
  private final Process process;
  private final Writer stdin;
  // Guards lines and openStreams, and is notified whenever either changes.
  private final Object lock = new Object();
  private final List<Line> lines = new ArrayList<>();
  private int openStreams = 2;
  private volatile boolean adviceErrorsExpected;

  RunningJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    startPump(process.getInputStream(), false);
    startPump(process.getErrorStream(), true);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Both streams' lines, in the order they arrived. */
  public List<String> lines() {
    return select(line -> true);
  }

  public List<String> stdoutLines() {
    return select(line -> !line.stderr());
  }

  public List<String> stderrLines() {
    return select(Line::stderr);
  }

  /** All lines so far, joined with newlines. */
  public String output() {
    return String.join("\n", lines());
  }

  /** The {@code RESULT name=value} lines printed on stdout so far; see {@link ForkedJvm#parseResults(List)}. */
  public Map<String, String> results() {
    return ForkedJvm.parseResults(stdoutLines());
  }

  /** The first line on either stream, seen already or yet to come, that contains a match of {@code regex}. */
  public String awaitLine(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    return awaitLine(line -> pattern.matcher(line).find(), timeout);
  }

  /** The first line on either stream, seen already or yet to come, that satisfies {@code condition}. */
  public String awaitLine(Predicate<String> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    synchronized (lock) {
      while (true) {
        for (; checked < lines.size(); checked++) {
          if (condition.test(lines.get(checked).text())) {
            return lines.get(checked).text();
          }
        }
        if (openStreams == 0) {
          throw failure("output ended (" + exitStatus() + ") without the expected line");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw failure("the expected line did not appear within " + timeout);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure("interrupted while waiting for a line");
        }
      }
    }
  }

  /** Waits for the JVM to exit and its output to be read; on timeout kills it and fails. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill();
        throw failure("did not exit within " + timeout + ", killed it");
      }
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for exit");
    }
    return process.exitValue();
  }

  /** Waits until the output of an exited JVM has been read. */
  private void drain() throws InterruptedException {
    // A grandchild may hold the pipes open, so draining gets a deadline of its own.
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    synchronized (lock) {
      while (openStreams > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /** The test makes the advice woven into a method fail on purpose: {@link #close} does not fail on a report. */
  public RunningJvm expectAdviceErrors() {
    adviceErrorsExpected = true;
    return this;
  }

  /** Sends {@code line} and a newline to the JVM's stdin. */
  public synchronized void writeLine(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + name + " (" + exitStatus() + ")", e);
    }
  }

  /** SIGKILLs the JVM and its descendants and waits until the JVM is gone. */
  public void kill() {
    killTree(process);
    try {
      if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for " + KILL_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing " + name, e);
    }
  }

  /** Stops the JVM with SIGSTOP, as a long GC pause or a frozen VM would. */
  public void pause() {
    signal("STOP");
  }

  /** Continues a JVM stopped by {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while signalling " + name, e);
    }
  }

  /**
   * Kills the JVM if it is still running, and fails when the agent reported that the advice woven into a method
   * failed: every behaviour test asserts that this never happens, unless it {@link #expectAdviceErrors}.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> reports = adviceErrorsExpected ? List.of()
        : lines().stream().filter(line -> line.contains(ADVICE_ERROR)).toList();
    if (!reports.isEmpty()) {
      throw failure("the agent reported a failure of its advice: " + reports);
    }
  }

  private static void killTree(Process process) {
    // Collect the descendants first: once the parent is gone they are reparented and no longer listed.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void startPump(InputStream stream, boolean stderr) {
    Thread pump = new Thread(() -> pump(stream, stderr), name + (stderr ? "-stderr" : "-stdout"));
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(InputStream stream, boolean stderr) {
    String prefix = "[" + name + (stderr ? " err] " : "] ");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String text;
      while ((text = reader.readLine()) != null) {
        System.out.println(prefix + text);
        synchronized (lock) {
          lines.add(new Line(stderr, text));
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream broke because the process was killed; whatever arrived before is kept.
    } finally {
      synchronized (lock) {
        openStreams--;
        lock.notifyAll();
      }
    }
  }

  private List<String> select(Predicate<Line> filter) {
    synchronized (lock) {
      return lines.stream().filter(filter).map(Line::text).toList();
    }
  }

  private String exitStatus() {
    return process.isAlive() ? "still running" : "exit code " + process.exitValue();
  }

  private AssertionError failure(String problem) {
    List<String> all = lines();
    List<String> tail = all.subList(Math.max(0, all.size() - TAIL_LINES), all.size());
    return new AssertionError(name + " (pid " + process.pid() + "): " + problem + "; last " + tail.size()
        + " of " + all.size() + " output lines:\n" + String.join("\n", tail));
  }
}
