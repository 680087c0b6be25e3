package io.github.distlock.it.apps;

import java.lang.instrument.Instrumentation;

/**
 * A second agent that only keeps the {@link Instrumentation} it is given, so that an application in the same JVM
 * can retransform its classes, as a profiler or a later {@code attach} would.
 */
public final class RetransformingAgent {

  private static volatile Instrumentation instrumentation;

  private RetransformingAgent() {}

  public static void premain(String args, Instrumentation given) {
    instrumentation = given;
  }

  static Instrumentation instrumentation() {
    return instrumentation;
  }
}
