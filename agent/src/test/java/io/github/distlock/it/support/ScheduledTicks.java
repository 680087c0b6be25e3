package io.github.distlock.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The runs of {@code ScheduledJobApp}'s job, read from its {@code TICK} lines, and waiting for them. */
public final class ScheduledTicks {

  private ScheduledTicks() {}

  /** One run: its number, when it started (epoch ms), how long the call took, and how it ran. */
  public record Tick(int n, long startedAt, long elapsedMillis, String outcome) {

    /** Whether the call started at or after {@code from} and ended by {@code to}. */
    public boolean within(long from, long to) {
      return startedAt >= from && startedAt + elapsedMillis <= to;
    }

    static Tick parse(String line) {
      String[] words = line.split(" ");
      return new Tick(Integer.parseInt(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]), words[4]);
    }
  }

  public static List<Tick> of(RunningJvm app) {
    return app.stdoutLines().stream().filter(line -> line.startsWith("TICK ")).map(Tick::parse).toList();
  }

  /** The first run that meets {@code condition}, waiting for it up to {@code timeout}. */
  public static Tick await(RunningJvm app, String what, Predicate<Tick> condition, Duration timeout) {
    return Await.value(what, timeout, () -> of(app).stream().filter(condition).findFirst().orElse(null));
  }

  /** Waits until {@code count} runs meet {@code condition}. */
  public static void awaitCount(RunningJvm app, String what, Predicate<Tick> condition, int count,
      Duration timeout) {
    Await.until(what, timeout, () -> of(app).stream().filter(condition).count() >= count);
  }

  /** How many runs ran locked, unlocked or were skipped. */
  public static Map<String, Long> outcomes(List<Tick> ticks) {
    return ticks.stream().collect(Collectors.groupingBy(Tick::outcome, TreeMap::new, Collectors.counting()));
  }
}
