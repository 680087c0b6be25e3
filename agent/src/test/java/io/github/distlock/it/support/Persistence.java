package io.github.distlock.it.support;

import java.util.List;

/** Whether a test server keeps its data across a restart. */
public enum Persistence {
  /** An empty dataset after every restart: the default. */
  NONE("--save", "", "--appendonly", "no"),
  /**
   * Every write is in the append-only file before it is answered, so a restart, even after {@code kill -9}, finds
   * every lock that was set: a lock left behind by a fault is then visible, not hidden by an emptied server.
   */
  APPEND_ONLY("--save", "", "--appendonly", "yes", "--appendfsync", "always");

  private final List<String> serverArgs;

  Persistence(String... serverArgs) {
    this.serverArgs = List.of(serverArgs);
  }

  List<String> serverArgs() {
    return serverArgs;
  }
}
