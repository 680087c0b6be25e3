package io.github.distlock.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the replicas' run logs into the table the launcher prints: every tick of the run window with the replicas
 * that ran it, then the {@link FleetSummary} line.
 *
 * <p>A tick that nobody ran is not missed when a run of the same job was still going at that moment: the job
 * outlasts its period, and the lock kept the runs apart. The table lists it as skipped and the count leaves it out.
 *
 * <p>{@code java -cp demo-app/target/classes io.github.distlock.demo.FleetReport --start <epochSecond>
 * --end <epochSecond> <log>...} exits 0 only when every due tick ran exactly once.
 */
public final class FleetReport {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final List<Row> rows;

  private FleetReport(List<Row> rows) {
    this.rows = rows;
  }

  /** The report on the run records in {@code lines} (blank ones ignored) for the ticks inside {@code window}. */
  public static FleetReport of(RunWindow window, List<String> lines) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (JobSpec job : JobSpec.values()) {
      for (long tick : window.ticks(job.periodSeconds())) {
        rows.put(job.jobName() + ":" + tick, new Row(job, tick));
      }
    }
    List<Run> runs = new ArrayList<>();
    for (String line : lines) {
      if (!line.trim().isEmpty()) {
        runs.add(Run.parse(line));
      }
    }
    for (Run run : runs) {
      if (window.contains(run.tick())) {
        Row row = rows.computeIfAbsent(run.label(), label -> new Row(run.job(), run.tick()));
        row.replicas.add(run.replica());
      }
    }
    for (Row row : rows.values()) {
      if (row.replicas.isEmpty()) {
        runs.stream()
            .filter(run -> run.job() == row.job && run.coveredTick(row.tick))
            .findFirst()
            .ifPresent(run -> row.coveredBy = run);
      }
    }
    List<Row> sorted = new ArrayList<>(rows.values());
    sorted.sort(Comparator.comparingLong((Row row) -> row.tick).thenComparing(row -> row.job));
    return new FleetReport(sorted);
  }

  public FleetSummary summary() {
    int ranOnce = 0;
    int duplicates = 0;
    int missed = 0;
    int skipped = 0;
    for (Row row : rows) {
      if (row.coveredBy != null) {
        skipped++;
      } else if (row.replicas.isEmpty()) {
        missed++;
      } else if (row.replicas.size() == 1) {
        ranOnce++;
      } else {
        duplicates++;
      }
    }
    return new FleetSummary(rows.size() - skipped, ranOnce, duplicates, missed, skipped);
  }

  public void print(PrintStream out) {
    int width = "tick".length();
    for (Row row : rows) {
      width = Math.max(width, row.label().length());
    }
    String format = "%-" + width + "s  %-8s  %s%n";
    out.printf(format, "tick", "time", "ran on");
    for (Row row : rows) {
      out.printf(format, row.label(), TIME.format(Instant.ofEpochSecond(row.tick)), row.outcome());
    }
    FleetSummary summary = summary();
    if (summary.skippedWhileRunning() > 0) {
      out.println("skipped while the job's previous run still held its lock: " + summary.skippedWhileRunning());
    }
    out.println(summary);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 4 || !args[0].equals("--start") || !args[2].equals("--end")) {
      throw new IllegalArgumentException("usage: FleetReport --start <epochSecond> --end <epochSecond> <log>...");
    }
    RunWindow window = new RunWindow(Long.parseLong(args[1]), Long.parseLong(args[3]));
    List<String> lines = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      lines.addAll(Files.readAllLines(Paths.get(args[i]), StandardCharsets.UTF_8));
    }
    FleetReport report = of(window, lines);
    report.print(System.out);
    System.exit(report.summary().exactlyOnce() ? 0 : 1);
  }

  /** One tick of one job and what became of it. */
  private static final class Row {

    final JobSpec job;
    final long tick;
    final List<String> replicas = new ArrayList<>();
    Run coveredBy;

    Row(JobSpec job, long tick) {
      this.job = job;
      this.tick = tick;
    }

    String label() {
      return job.jobName() + ":" + tick;
    }

    String outcome() {
      if (coveredBy != null) {
        return "-  skipped: " + coveredBy.label() + " was still running on replica " + coveredBy.replica();
      }
      if (replicas.isEmpty()) {
        return "-  MISSED";
      }
      List<String> names = new ArrayList<>();
      // Shorter ids first, so numeric ids sort as numbers: replica 2 before replica 10.
      replicas.stream()
          .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
          .forEach(replica -> names.add("replica " + replica));
      return String.join(", ", names) + (replicas.size() > 1 ? "  DUPLICATE" : "");
    }
  }
}
