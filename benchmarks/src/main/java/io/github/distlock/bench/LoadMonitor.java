package io.github.distlock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Samples the machine's 1-minute load average while the benchmarks run, for the report: on a shared machine the
 * figures only mean something next to how busy it was.
 */
final class LoadMonitor {

  private static final Path LOADAVG = Path.of("/proc/loadavg");
  private static final long INTERVAL_MILLIS = 5_000;

  private final double atStart;
  private volatile double highest;
  private volatile double atEnd = Double.NaN;
  private final Thread sampler;

  private LoadMonitor() {
    atStart = current();
    highest = atStart;
    sampler = new Thread(this::sample, "bench-load-monitor");
    sampler.setDaemon(true);
  }

  static LoadMonitor start() {
    LoadMonitor monitor = new LoadMonitor();
    monitor.sampler.start();
    return monitor;
  }

  void stop() {
    sampler.interrupt();
    atEnd = current();
    highest = Math.max(highest, atEnd);
  }

  String describe() {
    return String.format(Locale.ROOT, "%.2f at start, %.2f at most, %.2f at the end", atStart, highest, atEnd);
  }

  double current() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private void sample() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      highest = Math.max(highest, current());
    }
  }
}
