package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports the threads the agent runs and whose context class loader they keep. {@code plain} never loads a class
 * with a lock; {@code locked} loads the first one, and calls it, from a thread whose context class loader is an
 * application's, as a request thread of an application server would.
 */
public final class AgentThreadsApp {

  /** Loaded only when first called, so on the request thread. */
  static final class Job {
    @DistributedLock(key = "threads:job", ttl = "5s")
    static void run() {}
  }

  public static void main(String[] args) throws InterruptedException {
    ClassLoader webapp = new URLClassLoader(new URL[0], AgentThreadsApp.class.getClassLoader()) {
      @Override
      public String toString() {
        return "webapp";
      }
    };
    if (args[0].equals("locked")) {
      Thread request = new Thread(() -> {
        Job.run();
        AppSupport.awaitConnected();
        for (int i = 0; i < 5; i++) {
          Job.run();
        }
      }, "request");
      request.setContextClassLoader(webapp);
      request.start();
      request.join();
    }
    Set<String> agentThreads = new TreeSet<>();
    Set<String> pinning = new TreeSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("distlock") || name.startsWith("lettuce")) {
        agentThreads.add(name);
      }
      if (thread.getContextClassLoader() == webapp) {
        pinning.add(name);
      }
    }
    AppSupport.result("agentThreads", agentThreads);
    AppSupport.result("pinning", pinning);
    System.out.println("REPORTED");
    AppSupport.readCommand();
  }
}
