package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.bootstrap.FailMode;
import java.util.BitSet;

/**
 * Reports a lock site whose class loader does not link the agent's bridge: one error per site, however often its
 * class is transformed again, saying what the fail mode now does on every call and how to fix the loader.
 */
final class UnlinkedSiteLog {

  private final AgentLog log;
  private final BitSet reported = new BitSet();

  UnlinkedSiteLog(AgentLog log) {
    this.log = log;
  }

  synchronized void report(int siteId, LockSite site, ClassLoader loader, BridgeLink link) {
    if (reported.get(siteId)) {
      return;
    }
    reported.set(siteId);
    String consequence = site.failMode() == FailMode.OPEN
        ? "failMode=open: every call runs without a lock"
        : "failMode=" + site.failMode().settingName() + ": every call is skipped";
    log.error(site.name() + ": its class loader " + describe(loader) + " " + link.problem() + ", so this method"
        + " can never take its lock; " + consequence + ". To fix, " + link.fix());
  }

  private static String describe(ClassLoader loader) {
    try {
      return "(" + loader + ")";
    } catch (RuntimeException e) {
      // A loader's toString is the application's code; the message must not depend on it.
      return "(" + loader.getClass().getName() + ")";
    }
  }
}
