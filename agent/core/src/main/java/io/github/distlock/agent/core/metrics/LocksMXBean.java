package io.github.distlock.agent.core.metrics;

import java.util.Map;

/** The JMX view of distlock, registered as {@code io.github.distlock:type=Locks}. */
public interface LocksMXBean {

  /** The counters of all keys together. */
  LockStats getTotal();

  /** The counters of each Redis key (prefix included) this JVM has used. */
  Map<String, LockStats> getKeys();
}
