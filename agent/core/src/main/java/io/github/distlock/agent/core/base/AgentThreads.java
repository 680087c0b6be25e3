package io.github.distlock.agent.core.base;

/**
 * The agent's background threads: daemons, so that the JVM never waits for them at exit, named for thread dumps,
 * and with no context class loader. Some start from an application thread, whose context loader (a web
 * application's) they would otherwise keep from being collected for as long as they live.
 */
public final class AgentThreads {

  private AgentThreads() {}

  /** A daemon thread, not started, that runs {@code task}. */
  public static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.setContextClassLoader(null);
    return thread;
  }
}
