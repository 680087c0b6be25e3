package io.github.distlock.bench.startup;

/**
 * A stopwatch agent: listed before and after {@code -javaagent:distlock-agent.jar} (arguments {@code start} and
 * {@code end}); the JVM runs premains in command-line order, so the difference is the time distlock's premain
 * took, its class loading included. The result is left in a system property for the main class to print.
 */
public final class PremainTimer {

  public static final String NANOS_PROPERTY = "bench.premain.nanos";
  private static final String START_PROPERTY = "bench.premain.start";

  private PremainTimer() {}

  public static void premain(String args) {
    long now = System.nanoTime();
    if ("start".equals(args)) {
      System.setProperty(START_PROPERTY, Long.toString(now));
    } else {
      long start = Long.parseLong(System.getProperty(START_PROPERTY));
      System.setProperty(NANOS_PROPERTY, Long.toString(now - start));
    }
  }
}
