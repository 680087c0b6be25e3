package io.github.distlock.bench.startup;

import io.github.distlock.DistributedLocks;

/**
 * Hello world, for the start-up figures: prints the premain time the stopwatch agent measured (if attached) and
 * whether the agent was already connected to Redis when {@code main} began (it should not need to be).
 */
public final class HelloMain {

  private HelloMain() {}

  public static void main(String[] args) {
    boolean connected = DistributedLocks.isConnected();
    System.out.println("hello premainNanos=" + System.getProperty(PremainTimer.NANOS_PROPERTY, "-1")
        + " connectedAtMain=" + connected);
  }
}
