package io.github.distlock.agent.core;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the agent's background work (the Redis connection, the JMX export) the first time the application needs
 * a lock: when a class using {@code @DistributedLock} is loaded or the facade is called. The agent is often
 * attached to every JVM of an image through {@code JAVA_TOOL_OPTIONS}; a JVM without locks then opens no
 * connection, starts no thread and spends no start-up time on them.
 */
public final class FirstUse implements Runnable {

  private final AtomicBoolean happened = new AtomicBoolean();
  private final Runnable start;

  public FirstUse(Runnable start) {
    this.start = start;
  }

  /** Runs the start-up work on the first call only; cheap on every later one. */
  @Override
  public void run() {
    if (!happened.get() && happened.compareAndSet(false, true)) {
      start.run();
    }
  }
}
