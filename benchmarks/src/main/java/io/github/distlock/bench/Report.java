package io.github.distlock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * Turns a run's figures into the Markdown the README shows: the goals with their ratios first, then every figure.
 * A ratio is of medians; the range next to it is of the ratios within each round or pair, which shows how much
 * the machine's noise moved it.
 */
final class Report {

  private final Results results;
  private final List<String> environment;

  Report(Results results, List<String> environment) {
    this.results = results;
    this.environment = environment;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    for (String line : environment) {
      out.append(line).append('\n');
    }
    out.append('\n').append("### Goals\n\n");
    out.append("| goal | figure | result | met |\n|---|---|---|---|\n");
    goal(out, "acquired path ≤ 0.55× floor", "distlock / floor (two round trips)", "acquired.distlock",
        "acquired.floor", r -> r <= 0.55);
    goal(out, "busy path ≤ 1.05× floor", "distlock / floor (one bare SET NX)", "busy.distlock", "busy.floor",
        r -> r <= 1.05);
    goal(out, "faster than Redisson", "distlock / Redisson, acquired", "acquired.distlock", "acquired.redisson",
        r -> r < 1);
    goal(out, "faster than Redisson", "distlock / Redisson, busy", "busy.distlock", "busy.redisson", r -> r < 1);
    goal(out, "faster than ShedLock", "distlock / ShedLock, acquired", "acquired.distlock", "acquired.shedlock",
        r -> r < 1);
    goal(out, "faster than ShedLock", "distlock / ShedLock, busy", "busy.distlock", "busy.shedlock", r -> r < 1);
    goal(out, "throughput ≥ 0.8× floor", "distlock / floor, 16 threads", "tput.distlock", "tput.floor",
        r -> r >= 0.8);
    goal(out, "class loading ≤ 1.05×", "with / without agent: JVM launch to all classes loaded",
        "classload.wall.with", "classload.wall.without", r -> r <= 1.05);
    goal(out, "class loading ≤ 1.05×", "with / without agent: loading loop only", "classload.loop.with",
        "classload.loop.without", r -> r <= 1.05);
    goal(out, "class loading ≤ 1.05×", "with / without agent: second pass (warm)",
        "classload.warm.with", "classload.warm.without", r -> r <= 1.05);
    if (present("classload.inspected", "classload.classes")) {
      // The one class the count run loads on purpose is the control, not a cost.
      double parsed = results.get("classload.inspected").median() - 1;
      out.append(row("classes parsed fully ≈ 0", "parsed / loaded (control excluded)",
          String.format(Locale.ROOT, "%.0f of %.0f (%s)", parsed, results.get("classload.classes").median(),
              results.note("classload.inspectedClasses")),
          parsed <= 0 ? "yes" : "no"));
    }
    if (present("premain.up")) {
      Figure premain = results.get("premain.up");
      out.append(row("premain < 300 ms", "premain, Redis up (median, max)",
          String.format(Locale.ROOT, "%.0f ms (max %.0f ms)", premain.median(), premain.max()),
          premain.median() < 300 ? "yes" : "no"));
    }
    if (present("premain.up", "premain.down")) {
      double up = results.get("premain.up").median();
      double down = results.get("premain.down").median();
      // Waiting for Redis would show as a longer premain with Redis unreachable, or as a connection made before
      // main; beyond noise (a quarter, or 50 ms) neither may happen.
      boolean independent = down - up <= Math.max(50, up / 4)
          && results.note("premain.connectedAtMain").startsWith("0 ");
      out.append(row("Redis not on premain's path", "premain with Redis unreachable vs up; connected at main",
          String.format(Locale.ROOT, "%.0f ms vs %.0f ms; connected at main in %s runs", down, up,
              results.note("premain.connectedAtMain")),
          independent ? "yes" : "no"));
    }

    startGoals(out);

    out.append("\n### Call cost (single thread, µs per call, median of rounds)\n\n");
    out.append("| path | floor | distlock | Redisson | ShedLock | distlock/floor | distlock/Redisson | "
        + "distlock/ShedLock |\n|---|---|---|---|---|---|---|---|\n");
    for (String path : List.of("acquired", "busy")) {
      out.append("| ").append(path).append(" | ")
          .append(value(path + ".floor")).append(" | ")
          .append(value(path + ".distlock")).append(" | ")
          .append(value(path + ".redisson")).append(" | ")
          .append(value(path + ".shedlock")).append(" | ")
          .append(ratio(path + ".distlock", path + ".floor")).append(" | ")
          .append(ratio(path + ".distlock", path + ".redisson")).append(" | ")
          .append(ratio(path + ".distlock", path + ".shedlock")).append(" |\n");
    }
    out.append("\nA key built from an argument (`bench:tpl:{0}`): ").append(value("acquired.template"))
        .append(" µs per acquired call, ").append(ratio("acquired.template", "acquired.distlock"))
        .append(" the fixed key's.\n");
    out.append("\nWith a replica attached, `minReplicas=1` (`WAIT 1` after each `SET`): ")
        .append(value("replicated.minReplicas")).append(" µs per acquired call against ")
        .append(value("replicated.distlock")).append(" µs without, ")
        .append(ratio("replicated.minReplicas", "replicated.distlock")).append(".\n");
    out.append("\n### Throughput (16 threads, 16 keys, one shared connection, calls/s, median of rounds)\n\n");
    out.append("| floor | distlock | distlock/floor |\n|---|---|---|\n");
    out.append("| ").append(value("tput.floor")).append(" | ").append(value("tput.distlock")).append(" | ")
        .append(ratio("tput.distlock", "tput.floor")).append(" |\n");

    out.append("\n### Start-up (median of runs)\n\n");
    out.append("| measurement | without agent | with agent | with/without | difference |\n|---|---|---|---|---|\n");
    pair(out, "class loading: JVM launch → all classes loaded (ms)", "classload.wall");
    pair(out, "class loading: first pass, loop only (ms)", "classload.loop");
    pair(out, "class loading: second pass, warm (ms)", "classload.warm");
    pair(out, "class loading: the first class with a lock, after the passes (ms)", "classload.probe");
    pair(out, "hello world, JVM start → main (ms)", "hello.main");
    pair(out, "hello world, process start → exit (ms)", "hello.wall");
    pair(out, "exit: main returns (one lock taken) → process ended (ms)", "exit");
    pair(out, "heap used after GC, one lock held (MB)", "memory.heap");
    pair(out, "non-heap used: metaspace, code cache (MB)", "memory.nonheap");
    pair(out, "resident set, VmRSS (MB)", "memory.rss");
    pair(out, "peak resident set, GNU time, one lock held (MiB)", "memory.peak");
    out.append("\nAgainst a do-nothing agent (a transformer that returns at once: what any transforming agent")
        .append(" costs)\n\n");
    out.append("| class loading | do-nothing agent | distlock | distlock/do-nothing | difference |\n")
        .append("|---|---|---|---|---|\n");
    pair(out, "JVM launch → all classes loaded (ms)", "classload.wall", "noop");
    pair(out, "first pass, loop only (ms)", "classload.loop", "noop");
    pair(out, "second pass, warm (ms)", "classload.warm", "noop");
    out.append("\n| measurement | value |\n|---|---|\n");
    single(out, "hello world, JVM start → agent's premain class loaded (ms)", "hello.premainStarts");
    single(out, "premain, Redis up (ms)", "premain.up");
    single(out, "premain, Redis unreachable (ms)", "premain.down");
    single(out, "JVM lines on standard error (warnings), one lock taken, without agent", "warnings.without");
    single(out, "JVM lines on standard error (warnings), one lock taken, with agent", "warnings.with");
    single(out, "classes loaded by the workload", "classload.classes");
    single(out, "classes the agent parsed (`inspecting` lines, control included)", "classload.inspected");
    single(out, "classes the agent rewrote (`instrumented` lines, control included)", "classload.instrumented");

    springAndCold(out);

    if (!results.note("compat.appLettuce").isEmpty()) {
      out.append("\n### Compatibility\n\n| check | result |\n|---|---|\n");
      out.append("| agent locks when the application has its own Lettuce (+ Redisson, Spring Data Redis) | ")
          .append(results.note("compat.appLettuce").replace("|", "\\|")).append(" |\n");
    }

    out.append("\n### Every sample\n\n| figure | unit | samples |\n|---|---|---|\n");
    for (Figure figure : results.all()) {
      List<String> samples = new ArrayList<>();
      for (double sample : figure.samples()) {
        samples.add(format(sample));
      }
      out.append("| ").append(figure.label).append(" | ").append(figure.unit).append(" | ")
          .append(samples.isEmpty() ? "MISSING" : String.join(", ", samples)).append(" |\n");
    }
    if (!results.failures().isEmpty()) {
      out.append("\n### Failures\n\n");
      for (String failure : results.failures()) {
        out.append("- ").append(failure.replace('\n', ' ')).append('\n');
      }
    }
    return out.toString();
  }

  /** The goals of a whole process's start, footprint and exit (issue 10). */
  private void startGoals(StringBuilder out) {
    goal(out, "Spring Boot start ≤ 1.10×", "with / without agent: launch → context refreshed, wall",
        "spring.wall.agent", "spring.wall.none", r -> r <= 1.10);
    goal(out, "Spring Boot start with AppCDS ≤ 1.10×", "with / without agent, same archive: launch → refreshed,"
        + " wall", "spring.cds.wall.agent", "spring.cds.wall.none", r -> r <= 1.10);
    if (present("spring.cds.shared.agent", "spring.cds.shared.none")) {
      // The agent's own classes (its Lettuce, Netty, Byte Buddy) are never in the application's archive, so the
      // share drops with the agent; what must not drop is the number of classes the archive still serves.
      String[] agent = results.note("spring.cds.classes.agent").split(" of ");
      String[] none = results.note("spring.cds.classes.none").split(" of ");
      boolean used = Double.parseDouble(agent[0]) >= 0.95 * Double.parseDouble(none[0]);
      out.append(row("AppCDS archive still used", "classes from the archive, with agent vs without (met: at least"
              + " 95% as many)",
          String.format(Locale.ROOT, "%s%% (%s) vs %s%% (%s)", value("spring.cds.shared.agent"),
              results.note("spring.cds.classes.agent"), value("spring.cds.shared.none"),
              results.note("spring.cds.classes.none")),
          used ? "yes" : "no"));
    } else {
      out.append(row("AppCDS archive still used", "classes from the archive, with agent vs without", "MISSING",
          "?"));
    }
    goal(out, "cold one-lock JVM ≤ 1.0× Redisson", "distlock / Redisson, launch → exit, wall", "cold.wall.distlock",
        "cold.wall.redisson", r -> r <= 1.0);
    goal(out, "cold one-lock JVM ≤ 1.0× Redisson", "distlock / Redisson, CPU", "cold.cpu.distlock",
        "cold.cpu.redisson", r -> r <= 1.0);
    goal(out, "cold one-lock JVM ≤ 1.0× ShedLock", "distlock / ShedLock, launch → exit, wall", "cold.wall.distlock",
        "cold.wall.shedlock", r -> r <= 1.0);
    goal(out, "cold one-lock JVM ≤ 1.0× ShedLock", "distlock / ShedLock, CPU", "cold.cpu.distlock",
        "cold.cpu.shedlock", r -> r <= 1.0);
    goalDifference(out, "one lock held ≤ +40 MiB RSS", "with − without agent, VmRSS while held", "memory.rss.with",
        "memory.rss.without", 40);
    goalDifference(out, "one lock held ≤ +40 MiB RSS", "with − without agent, peak RSS (GNU time)",
        "memory.peak.with", "memory.peak.without", 40);
    if (present("exit.with")) {
      Figure exit = results.get("exit.with");
      out.append(row("exit ≤ 100 ms", "main returns → process ended, with agent (median, max)",
          String.format(Locale.ROOT, "%.0f ms (max %.0f ms)", exit.median(), exit.max()),
          exit.median() <= 100 ? "yes" : "no"));
    } else {
      out.append(row("exit ≤ 100 ms", "main returns → process ended, with agent", "MISSING", "?"));
    }
    if (present("warnings.with")) {
      double most = results.get("warnings.with").max();
      out.append(row("no JVM warnings", "JVM lines on standard error with the agent, most in any run",
          format(most), most == 0 ? "yes" : "no"));
    } else {
      out.append(row("no JVM warnings", "JVM lines on standard error with the agent", "MISSING", "?"));
    }
  }

  /** Spring Boot's start-up with and without the agent and with AppCDS, and the cold one-lock process. */
  private void springAndCold(StringBuilder out) {
    List<String> spring = List.of("none", "agent", "shedlock");
    List<String> springRatios = List.of("agent/none", "agent/shedlock");
    String springHeader =
        "| measurement | without agent | with agent | ShedLock instead | agent/none | agent/ShedLock |";
    out.append("\n### Spring Boot start: launch → context refreshed (`spring.context.exit=onRefresh`), median of")
        .append(" rounds\n\n");
    sideTable(out, springHeader, "spring", spring, springRatios, false);
    if (!results.note("spring.jobRan").isEmpty() || !results.note("spring.instrumented").isEmpty()) {
      out.append("\nThe job's class rewritten by the agent (debug run): ")
          .append(results.note("spring.instrumented").isEmpty() ? "not checked" : results.note("spring.instrumented"))
          .append("; the job ran before the exit in: ").append(results.note("spring.jobRan"))
          .append(" (Spring halts the JVM before its scheduler starts).\n");
    }
    out.append("\nLaunch → the scheduled job's first run (locked, except without agent) → exit, without")
        .append(" `spring.context.exit`\n\n");
    sideTable(out, springHeader, "spring.job", spring, springRatios, false);
    out.append("\nWith AppCDS (a dynamic archive from a training run; `agent` uses the archive of the run without")
        .append(" the agent, `agent, own archive` one trained with the agent under the diagnostic")
        .append(" `-XX:+AllowArchivingWithJavaAgent`, which JDK 17 requires for that)\n\n");
    sideTable(out, "| measurement | without agent | with agent | with agent, own archive | agent/none |"
            + " own archive/none |", "spring.cds", List.of("none", "agent", "agentTrained"),
        List.of("agent/none", "agentTrained/none"), true);

    out.append("\n### Cold JVM taking one lock: launch → exit, median of rounds\n\n");
    sideTable(out, "| measurement | distlock | Redisson | ShedLock | distlock/Redisson | distlock/ShedLock |",
        "cold", List.of("distlock", "redisson", "shedlock"), List.of("distlock/redisson", "distlock/shedlock"),
        false);
  }

  /**
   * Wall, CPU and peak RSS ({@code <prefix>.wall.<side>} and so on) of each side, then the ratios named
   * {@code side/reference}; with {@code shared}, also the share of classes loaded from a CDS archive.
   */
  private void sideTable(StringBuilder out, String header, String prefix, List<String> sides, List<String> ratios,
      boolean shared) {
    out.append(header).append('\n').append("|---".repeat(1 + sides.size() + ratios.size())).append("|\n");
    List<String[]> rows = new ArrayList<>(List.of(new String[] {"wall (ms)", "wall"},
        new String[] {"CPU, user + system (ms)", "cpu"}, new String[] {"peak RSS (MiB)", "rss"}));
    if (shared) {
      rows.add(new String[] {"classes loaded from the archive (%)", "shared"});
    }
    for (String[] row : rows) {
      String figure = prefix + "." + row[1] + ".";
      out.append("| ").append(row[0]);
      for (String side : sides) {
        out.append(" | ").append(value(figure + side));
      }
      for (String ratio : ratios) {
        String[] parts = ratio.split("/");
        out.append(" | ").append(ratio(figure + parts[0], figure + parts[1]));
      }
      out.append(" |\n");
    }
  }

  private void goalDifference(StringBuilder out, String goal, String what, String id, String reference,
      double limit) {
    if (!present(id, reference)) {
      out.append(row(goal, what, "MISSING", "?"));
      return;
    }
    double difference = results.get(id).median() - results.get(reference).median();
    out.append(row(goal, what, String.format(Locale.ROOT, "%+.1f MiB (%s vs %s)", difference, value(id),
        value(reference)), difference <= limit ? "yes" : "no"));
  }

  private void goal(StringBuilder out, String goal, String what, String id, String reference,
      DoublePredicate met) {
    if (!present(id, reference)) {
      out.append(row(goal, what, "MISSING", "?"));
      return;
    }
    double ratio = results.get(id).median() / results.get(reference).median();
    out.append(row(goal, what, ratio(id, reference), met.test(ratio) ? "yes" : "no"));
  }

  private void pair(StringBuilder out, String label, String prefix) {
    pair(out, label, prefix, "without");
  }

  /** A row comparing {@code prefix.with} to {@code prefix.<reference>}: both values, ratio, difference. */
  private void pair(StringBuilder out, String label, String prefix, String reference) {
    String base = prefix + "." + reference;
    String with = prefix + ".with";
    String difference = present(base, with)
        ? String.format(Locale.ROOT, "%+.1f", results.get(with).median() - results.get(base).median())
        : "MISSING";
    out.append("| ").append(label).append(" | ").append(value(base)).append(" | ").append(value(with))
        .append(" | ").append(ratio(with, base)).append(" | ").append(difference).append(" |\n");
  }

  private void single(StringBuilder out, String label, String id) {
    out.append("| ").append(label).append(" | ").append(value(id)).append(" |\n");
  }

  private static String row(String goal, String what, String result, String met) {
    return "| " + goal + " | " + what + " | " + result + " | " + met + " |\n";
  }

  private String value(String id) {
    return present(id) ? format(results.get(id).median()) : "MISSING";
  }

  /** The ratio of medians, with the range of the per-round (or per-pair) ratios when there are several. */
  private String ratio(String id, String reference) {
    if (!present(id, reference)) {
      return "MISSING";
    }
    Figure a = results.get(id);
    Figure b = results.get(reference);
    String ratio = String.format(Locale.ROOT, "%.2f×", a.median() / b.median());
    List<Double> as = a.samples();
    List<Double> bs = b.samples();
    if (as.size() < 2 || as.size() != bs.size()) {
      return ratio;
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < as.size(); i++) {
      double r = as.get(i) / bs.get(i);
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    return ratio + String.format(Locale.ROOT, " (%.2f–%.2f)", min, max);
  }

  private boolean present(String... ids) {
    for (String id : ids) {
      try {
        if (results.get(id).isEmpty()) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        // Not declared: that suite was not selected in this run.
        return false;
      }
    }
    return true;
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.2f", value);
  }
}
