package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.bootstrap.FailMode;
import java.util.List;
import java.util.function.Supplier;

/**
 * What locked methods do while Redis cannot answer, for the outage warning: the configured fail mode, then the
 * methods whose own {@code failMode} differs from it.
 */
public final class OutageConsequence implements Supplier<String> {

  private static final int NAMED = 5;

  private final FailMode configured;
  private final LockSites sites;

  public OutageConsequence(FailMode configured, LockSites sites) {
    this.configured = configured;
    this.sites = sites;
  }

  @Override
  public String get() {
    return describe(configured, false);
  }

  /** As {@link #get}, when the configuration names no usable Redis: no JVM can have held a lock. */
  public String withoutRedis() {
    return describe(configured, true);
  }

  private String describe(FailMode mode, boolean withoutRedis) {
    StringBuilder text = new StringBuilder(withoutRedis && mode == FailMode.LAST_HOLDER
        ? "failMode=lastHolder: locked methods are skipped, since no JVM has held a lock" : describe(mode));
    List<String> others = sites.withFailModeOtherThan(configured);
    if (!others.isEmpty()) {
      text.append("; methods with a failMode of their own: ")
          .append(String.join(", ", others.subList(0, Math.min(NAMED, others.size()))));
      if (others.size() > NAMED) {
        text.append(" and ").append(others.size() - NAMED).append(" more");
      }
    }
    return text.toString();
  }

  static String describe(FailMode mode) {
    switch (mode) {
      case OPEN:
        return "failMode=open: locked methods run without a lock";
      case CLOSED:
        return "failMode=closed: locked methods are skipped";
      default:
        return "failMode=lastHolder: a locked method runs, without a lock, only in the JVM that held its lock last,"
            + " and is skipped in the others";
    }
  }
}
