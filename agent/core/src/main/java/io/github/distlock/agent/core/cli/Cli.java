package io.github.distlock.agent.core.cli;

import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar distlock-agent.jar <command>}: the operator's entry point, run in the agent's own class loader.
 * Exit status 0 only when the command did what was asked.
 */
public final class Cli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = String.join(System.lineSeparator(),
      "usage: java -jar distlock-agent.jar <command> [arguments]",
      "",
      "commands:",
      "  attach <pid> [key=value,...]     load distlock into a running JVM (same user), with these settings",
      "  config [key=value,...]           the effective configuration, where each value comes from, the lock rules",
      "  dashboard [--port N] [--bind A]  a read-only web page of the fleet's locks, jobs and recent runs",
      "  doctor [key=value,...]           check the Redis user: every command distlock sends, round trip, clock",
      "  jobs [pattern] [key=value,...]   each job's state (ok, failed, overdue, stuck...), last run, holder",
      "  locks [pattern] [key=value,...]  the locks held now: key, holder's host and pid, time left, fence",
      "  scan <jar|dir> [key=value,...]   the lock sites of an application, from its class files, and problems",
      "  unlock <key> --force             delete a lock whoever holds it, after saying who held it and how long",
      "",
      "Run a command with --help for its own usage.");

  private Cli() {}

  /** Entry point, found by name from the agent jar's {@code main}. */
  public static int run(String[] args, File agentJar) {
    return run(args, agentJar, System.out, System.err);
  }

  static int run(String[] args, File agentJar, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      (args.length == 0 ? err : out).println(USAGE_TEXT);
      return args.length == 0 ? USAGE : OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "attach":
        return new AttachCommand(agentJar, out, err).run(rest);
      case "config":
        return new ConfigCommand(out, err).run(rest);
      case "locks":
        return new LocksCommand(out, err).run(rest);
      case "jobs":
        return new JobsCommand(out, err).run(rest);
      case "unlock":
        return new UnlockCommand(out, err).run(rest);
      case "dashboard":
        return new DashboardCommand(out, err).run(rest);
      case "doctor":
        return new DoctorCommand(out, err).run(rest);
      case "scan":
        return new ScanCommand(out, err).run(rest);
      default:
        err.println("distlock: unknown command \"" + args[0] + "\"");
        err.println(USAGE_TEXT);
        return USAGE;
    }
  }
}
