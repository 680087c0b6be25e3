package io.github.distlock.agent.core;

import io.github.distlock.agent.core.base.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the agent's background work (the Redis connection, lease renewal, the JMX export) the first time the
 * application needs a lock: when a class using {@code @DistributedLock} is loaded or the facade is called. The
 * agent is often attached to every JVM of an image through {@code JAVA_TOOL_OPTIONS}; a JVM without locks then
 * opens no connection, starts no thread and spends no start-up time on them.
 */
public final class FirstUse implements Runnable {

  private final AtomicBoolean happened = new AtomicBoolean();
  private final Thread starter;
  private final AgentLog log;

  /**
   * Creates, but does not start, the thread that will run {@code start}. Created here, in premain, it and every
   * thread it starts (Netty's among them) inherit the agent's context: not the class loader and inheritable
   * thread locals of whichever application thread happens to load the first locked class, which in an
   * application server could keep an undeployed application in memory.
   */
  public FirstUse(Runnable start, AgentLog log) {
    this.log = log;
    this.starter = new Thread(() -> {
      try {
        start.run();
      } catch (Throwable t) {
        log.error("distlock could not start its background work; locked methods follow failMode", t);
      }
    }, "distlock-start");
    starter.setDaemon(true);
  }

  /** Starts the work on the first call only; cheap on every later one, and never throws. */
  @Override
  public void run() {
    if (!happened.get() && happened.compareAndSet(false, true)) {
      try {
        starter.start();
      } catch (Throwable t) {
        log.error("distlock could not start its background work; locked methods follow failMode", t);
      }
    }
  }
}
