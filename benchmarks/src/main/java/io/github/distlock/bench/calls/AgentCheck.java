package io.github.distlock.bench.calls;

import io.github.distlock.DistributedLocks;
import io.github.distlock.bench.Poll;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Makes sure a distlock figure measures real locking: before a trial, that the agent is attached, connected and
 * wrapping the methods; after it, from the agent's own JMX counters, that no call ran without a lock (a fail-open
 * call would skip Redis and look fast) and that every body ran under an acquisition.
 */
final class AgentCheck {

  private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);
  private static final Duration JMX_WAIT = Duration.ofSeconds(20);
  private static final String LOCKS_MBEAN = "io.github.distlock:type=Locks";

  private AgentCheck() {}

  /** Waits until the agent has a Redis connection and its counters are on JMX; fails the trial otherwise. */
  static void awaitReady() throws Exception {
    if (!DistributedLocks.isAgentActive()) {
      throw new IllegalStateException("the distlock agent is not attached to this benchmark JVM");
    }
    if (!Poll.until(CONNECT_WAIT, DistributedLocks::isConnected)) {
      throw new IllegalStateException("the agent did not connect to Redis within " + CONNECT_WAIT);
    }
    if (LockedJobs.probe() <= 0) {
      throw new IllegalStateException("the probe ran without a fencing token");
    }
    // The agent registers its MBean once a platform MBean server exists; creating it here saves the grace period.
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName(LOCKS_MBEAN);
    if (!Poll.until(JMX_WAIT, () -> server.isRegistered(name))) {
      throw new IllegalStateException(LOCKS_MBEAN + " was not registered within " + JMX_WAIT);
    }
  }

  /**
   * Checks the trial's counters: no fail-open call, no error, no lost lock; every body call was preceded by an
   * acquisition (the probe's one aside); and skips only where the lock is meant to be busy.
   */
  static void verifyTrial(boolean busyExpected) throws Exception {
    CompositeData total = (CompositeData) ManagementFactory.getPlatformMBeanServer()
        .getAttribute(new ObjectName(LOCKS_MBEAN), "Total");
    long acquired = (Long) total.get("acquired");
    long skipped = (Long) total.get("skipped");
    long failed = (Long) total.get("failedOpen") + (Long) total.get("failedClosed");
    long errors = (Long) total.get("errors") + (Long) total.get("lost");
    long bodies = Body.calls();
    String counters = "acquired=" + acquired + " skipped=" + skipped + " failed=" + failed + " errors=" + errors
        + " bodies=" + bodies;
    if (failed != 0 || errors != 0) {
      throw new IllegalStateException("calls ran without a working lock: " + counters);
    }
    if (acquired - 1 != bodies) {
      throw new IllegalStateException("bodies and acquisitions differ: " + counters);
    }
    if (busyExpected ? skipped == 0 || bodies != 0 : skipped != 0) {
      throw new IllegalStateException((busyExpected ? "the busy path was not busy: " : "calls were skipped: ")
          + counters);
    }
  }
}
