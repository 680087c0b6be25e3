package io.github.distlock.it.apps;

/** Loads one plain class and one locked class so that {@link ByteRecorderAgent} records both. */
public final class ByteRecorderApp {

  public static void main(String[] args) {
    AppSupport.result("plain", PlainJob.work(21));
    AppSupport.result("locked", LockedJob.work(21));
  }
}
