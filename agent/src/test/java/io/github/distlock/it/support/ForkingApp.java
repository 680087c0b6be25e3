package io.github.distlock.it.support;

import java.time.Duration;

/**
 * A forked test application for {@link ForkedJvmIT} that itself forks {@link EchoApp} and reports what the
 * grandchild saw, proving that variables set for the middle JVM do not leak into a JVM it forks.
 */
public final class ForkingApp {

  private ForkingApp() {}

  public static void main(String[] args) {
    try (RunningJvm child = ForkedJvm.main(EchoApp.class).name("grandchild").start()) {
      child.writeLine("exit");
      child.awaitExit(Duration.ofSeconds(60));
      child.results().forEach((key, value) -> System.out.println("RESULT child." + key + "=" + value));
    }
    System.out.println("RESULT own.REDIS_HOST=" + System.getenv("REDIS_HOST"));
  }
}
