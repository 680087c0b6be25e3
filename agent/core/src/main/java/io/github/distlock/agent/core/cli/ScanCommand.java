package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.instrument.LockSiteScanner;
import io.github.distlock.agent.core.instrument.ScannedSite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scan <jar|dir> [key=value,...] [--json]}: the lock sites of an application, found in its class files
 * without running it, with every value the agent would reject and every lock rule that matches nothing.
 */
final class ScanCommand {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar scan <jar|dir> [key=value,...] [--json]",
      "",
      "Lists the lock sites of an application without running it: every @DistributedLock method and every method",
      "a lock rule of the config file (config=...) names, in a jar, a Spring Boot or WAR archive (with the jars",
      "inside it) or a directory of classes and jars. For each: the Redis key (prefix included), ttl,",
      "lockAtLeastFor, keepAlive, how long a call holds the lock, where the lock is declared and where the class",
      "is. Values the agent would reject, locks that cannot work as written and lock rules that match no method",
      "are reported as problems. Exit status 0 only when there is none.");

  private final PrintStream out;
  private final PrintStream err;

  ScanCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    CommandArgs parsed = CommandArgs.parse(args);
    int early = parsed.earlyExit("scan", USAGE, 1, out, err);
    if (early >= 0) {
      return early;
    }
    if (parsed.positional.isEmpty()) {
      err.println("distlock scan: which application? give a jar or a directory");
      err.println(USAGE);
      return Cli.USAGE;
    }
    LoadedConfig loaded = ConfigLoader.forThisJvm(parsed.settings).load();
    Path path = Paths.get(parsed.positional.get(0));
    try (AppClassFiles app = AppClassFiles.of(path)) {
      LockSiteScanner scanner = new LockSiteScanner(loaded.config(), app.locator());
      List<String> classNames = new ArrayList<>();
      for (String name : app.names()) {
        scanner.scan(name, app.read(name), app.location(name));
        classNames.add(name.replace('/', '.'));
      }
      List<String> problems = new ArrayList<>(loaded.errors());
      problems.addAll(scanner.problems(classNames));
      print(parsed.json, scanner.sites(), problems, loaded.warnings(), classNames.size(), app.jars());
      return problems.isEmpty() ? Cli.OK : Cli.FAILED;
    } catch (IOException e) {
      err.println("distlock scan: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  private void print(boolean json, List<ScannedSite> sites, List<String> problems, List<String> warnings,
      int classes, int jars) {
    Table table = new Table("method", "key", "ttl", "lockAtLeastFor", "keepAlive", "failMode", "held",
        "declared by", "location", "status");
    for (ScannedSite site : sites) {
      table.row(site.method(), site.redisKey(), site.ttl(), site.lockAtLeastFor(), String.valueOf(site.keepAlive()),
          site.failMode(), site.held(), site.source(), site.location(), site.problem() == null ? "ok" : "PROBLEM");
    }
    if (json) {
      out.println("{\"ok\":" + problems.isEmpty() + ",\"classes\":" + classes + ",\"jars\":" + jars
          + ",\"sites\":" + table.json() + ",\"problems\":" + Table.array(problems)
          + ",\"warnings\":" + Table.array(warnings) + "}");
      return;
    }
    if (!table.isEmpty()) {
      table.print(out);
      out.println();
    }
    out.println(sites.size() + " lock site" + (sites.size() == 1 ? "" : "s") + " in " + classes + " classes ("
        + jars + " jar" + (jars == 1 ? "" : "s") + ")");
    warnings.forEach(warning -> out.println("warning: " + warning));
    problems.forEach(problem -> out.println("problem: " + problem));
  }
}
