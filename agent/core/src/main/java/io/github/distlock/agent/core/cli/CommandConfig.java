package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.config.LoadedConfig;
import java.io.PrintStream;

/** The agent's configuration as the commands that talk to Redis read it. */
final class CommandConfig {

  private CommandConfig() {}

  /**
   * The configuration an agent given {@code settings} would run with here, or {@code null}, having said why, when
   * such an agent would not connect to Redis.
   */
  static LoadedConfig usable(String command, String settings, PrintStream err) {
    LoadedConfig loaded = reachable(command, settings, err);
    if (loaded != null && !loaded.config().clusterNodes().isEmpty()) {
      err.println("distlock " + command + ": redis.cluster.nodes is not supported by this command yet");
      return null;
    }
    return loaded;
  }

  /** As {@link #usable}, for a command that also reads a Redis Cluster. */
  static LoadedConfig reachable(String command, String settings, PrintStream err) {
    LoadedConfig loaded = ConfigLoader.forThisJvm(settings).load();
    if (loaded.connectionProblem() == null) {
      return loaded;
    }
    loaded.errors().forEach(error -> err.println("error: " + error));
    err.println("distlock " + command + ": the configuration is not usable: " + loaded.connectionProblem());
    return null;
  }
}
