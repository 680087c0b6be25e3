package io.github.distlock.agent.core.metrics;

import io.github.distlock.agent.core.base.AgentLog;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Publishes {@link LockMetrics} as {@code io.github.distlock:type=Locks} on the platform MBean server.
 *
 * <p>Creating the platform MBean server initialises {@code java.util.logging}; done at start-up, that would happen
 * before the application can install its own log manager. So the agent waits, on its start-up thread, until someone
 * else has created the server (JMX remote, a framework, jconsole attaching) or the application has had a grace
 * period to configure its logging, and only then registers.
 */
public final class JmxExport {

  public static final String OBJECT_NAME = "io.github.distlock:type=Locks";

  private static final long GRACE_MILLIS = TimeUnit.SECONDS.toMillis(10);
  private static final long POLL_MILLIS = 250;

  private JmxExport() {}

  /** Waits, on the calling background thread, for the moment described above, then registers. */
  public static void register(LockMetrics metrics, AgentLog log) {
    try {
      long deadline = System.currentTimeMillis() + GRACE_MILLIS;
      while (MBeanServerFactory.findMBeanServer(null).isEmpty() && System.currentTimeMillis() < deadline) {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
      ManagementFactory.getPlatformMBeanServer().registerMBean(metrics, new ObjectName(OBJECT_NAME));
      log.debug("metrics published over JMX as " + OBJECT_NAME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A second copy of the agent, or a security manager: the metrics are lost, the locks are not.
      log.warn("metrics not published over JMX as " + OBJECT_NAME + ": " + e);
    }
  }
}
