package io.github.distlock.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The epoch seconds {@code [start, end)} in which every replica fires its ticks. The launcher chooses it once all
 * replicas are ready, so that no replica misses the first tick while its JVM or Redis connection is still starting.
 */
public final class RunWindow {

  private static final Pattern FORMAT = Pattern.compile("start=(\\d+) end=(\\d+)\\s*");
  private static final long POLL_MILLIS = 20;

  private final long start;
  private final long end;

  public RunWindow(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException("empty window: start=" + start + " end=" + end);
    }
    this.start = start;
    this.end = end;
  }

  /** Waits for the launcher to write {@code start=<epochSecond> end=<epochSecond>} to {@code file}. */
  static RunWindow await(Path file, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      try {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
          throw new IOException(file + " does not read start=<epochSecond> end=<epochSecond>: " + text);
        }
        return new RunWindow(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
      } catch (NoSuchFileException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new IOException("the launcher did not write " + file + " within " + timeoutMillis + " ms", e);
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  public boolean contains(long tick) {
    return tick >= start && tick < end;
  }

  /** The first tick of a job with this period: the first epoch second in the window divisible by it. */
  public long firstTick(int periodSeconds) {
    long remainder = start % periodSeconds;
    return remainder == 0 ? start : start + periodSeconds - remainder;
  }

  /** Every tick of a job with this period inside the window. */
  public List<Long> ticks(int periodSeconds) {
    List<Long> ticks = new ArrayList<>();
    for (long tick = firstTick(periodSeconds); tick < end; tick += periodSeconds) {
      ticks.add(tick);
    }
    return ticks;
  }
}
