package io.github.distlock.agent.core.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's arguments: {@code --json}, {@code --help}, settings written as the agent's arguments
 * ({@code key=value,...}, recognised by their {@code =}) and the positional rest.
 */
final class CommandArgs {

  final boolean json;
  final boolean help;
  /** The settings, as agent arguments; empty for none. */
  final String settings;
  final List<String> positional;

  private CommandArgs(boolean json, boolean help, String settings, List<String> positional) {
    this.json = json;
    this.help = help;
    this.settings = settings;
    this.positional = positional;
  }

  static CommandArgs parse(String[] args) {
    boolean json = false;
    boolean help = false;
    List<String> settings = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.contains("=")) {
        settings.add(arg);
      } else {
        positional.add(arg);
      }
    }
    return new CommandArgs(json, help, String.join(",", settings), positional);
  }
}
