package io.github.distlock.bench.startup;

/**
 * Takes one lock and returns from {@code main}, printing when it did, so that the harness can tell how long the
 * JVM took to exit after that: the agent's shutdown work and its threads are all that may delay it.
 */
public final class ExitProbe {

  private ExitProbe() {}

  public static void main(String[] args) {
    LockedProbe.hold(() -> {});
    System.out.println("exit mainReturnsAtMillis=" + System.currentTimeMillis());
  }
}
