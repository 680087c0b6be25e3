package io.github.distlock.agent.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's arguments: {@code --json}, {@code --help}, {@code --force}, settings written as the agent's arguments
 * ({@code key=value,...}, recognised by their {@code =}) and the positional rest.
 */
final class CommandArgs {

  final boolean json;
  final boolean help;
  /** {@code --force}: do what cannot be undone. */
  final boolean force;
  /** The settings, as agent arguments; empty for none. */
  final String settings;
  final List<String> positional;

  private CommandArgs(boolean json, boolean help, boolean force, String settings, List<String> positional) {
    this.json = json;
    this.help = help;
    this.force = force;
    this.settings = settings;
    this.positional = positional;
  }

  /**
   * The status to end with before doing anything: {@link Cli#OK} once the usage is printed for {@code --help},
   * {@link Cli#USAGE} for more positional arguments than the command takes; -1 to go on.
   */
  int earlyExit(String command, String usage, int maxPositional, PrintStream out, PrintStream err) {
    if (help) {
      out.println(usage);
      return Cli.OK;
    }
    if (positional.size() > maxPositional) {
      err.println("distlock " + command + ": unexpected argument \"" + positional.get(maxPositional) + "\"");
      err.println(usage);
      return Cli.USAGE;
    }
    return -1;
  }

  static CommandArgs parse(String[] args) {
    boolean json = false;
    boolean help = false;
    boolean force = false;
    List<String> settings = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--force")) {
        force = true;
      } else if (arg.contains("=")) {
        settings.add(arg);
      } else {
        positional.add(arg);
      }
    }
    return new CommandArgs(json, help, force, String.join(",", settings), positional);
  }
}
