package io.github.distlock.it.apps;

/** A class without any lock: the agent must hand it to the JVM byte-for-byte unchanged. */
public final class PlainJob {

  public static int work(int x) {
    return x * 2;
  }
}
