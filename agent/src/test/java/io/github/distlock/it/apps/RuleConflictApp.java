package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/**
 * Methods that lock rules of the behaviour test also name: one carries its own {@code @DistributedLock}, one is
 * named by a rule with a bad ttl. Calls each once and reports whether it ran locked.
 */
public final class RuleConflictApp {

  private RuleConflictApp() {}

  public static void main(String[] args) {
    both();
    badTtl();
  }

  @DistributedLock(key = "conflict:annotation", ttl = "60s")
  static void both() {
    AppSupport.result("both.locked", AppSupport.holdsLock());
  }

  static void badTtl() {
    AppSupport.result("badTtl.locked", AppSupport.holdsLock());
  }
}
