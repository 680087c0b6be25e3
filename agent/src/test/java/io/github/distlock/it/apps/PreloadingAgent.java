package io.github.distlock.it.apps;

import java.lang.instrument.Instrumentation;

/**
 * An agent listed before distlock that loads (without initialising) the class named by its argument, as an APM
 * agent or a custom system class loader may do before distlock's premain has added its transformer.
 */
public final class PreloadingAgent {

  private PreloadingAgent() {}

  public static void premain(String className, Instrumentation instrumentation) throws ClassNotFoundException {
    Class.forName(className, false, ClassLoader.getSystemClassLoader());
    System.out.println("PRELOADED " + className);
  }
}
