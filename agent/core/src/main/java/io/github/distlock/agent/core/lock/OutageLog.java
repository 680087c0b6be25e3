package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.store.StoreAvailability;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Logs an outage once when it starts and once when it ends, never once per call: a job that runs every second
 * must not flood the log while Redis is down.
 */
public final class OutageLog implements StoreAvailability {

  private final AgentLog log;
  private final Supplier<String> consequence;
  private final AtomicBoolean down = new AtomicBoolean();

  /** @param consequence what locked methods do meanwhile, appended to the first warning of each outage */
  public OutageLog(AgentLog log, Supplier<String> consequence) {
    this.log = log;
    this.consequence = consequence;
  }

  @Override
  public void unavailable(String reason) {
    if (down.compareAndSet(false, true)) {
      log.warn("Redis unavailable: " + reason + "; " + consequence.get()
          + " until it is back (logged once per outage)");
    } else {
      log.debug("Redis still unavailable: " + reason);
    }
  }

  @Override
  public void available() {
    if (down.get() && down.compareAndSet(true, false)) {
      log.info("Redis reachable again; locking resumed");
    }
  }
}
