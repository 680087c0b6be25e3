package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.List;

/**
 * Calls one locked method once and reports whether its body ran, for the configuration tests. Arguments:
 * {@code await-connected} first waits for the agent's Redis connection (only when the configuration is valid: a
 * bad one never connects); {@code await-go} first waits for a line on stdin, so the test decides when to call it.
 */
public final class ConfigProbeApp {

  private ConfigProbeApp() {}

  @DistributedLock(key = "config-probe", ttl = "10s")
  static void probe() {
    AppSupport.result("ran", true);
    AppSupport.result("held", AppSupport.holdsLock());
  }

  public static void main(String[] args) {
    List<String> options = List.of(args);
    if (options.contains("await-connected")) {
      AppSupport.awaitConnected();
    }
    if (options.contains("await-go")) {
      AppSupport.readCommand();
    }
    probe();
    AppSupport.result("done", true);
  }
}
