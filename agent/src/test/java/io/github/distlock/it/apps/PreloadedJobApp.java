package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/** A locked job whose class {@link PreloadingAgent} loads before distlock starts. */
public final class PreloadedJobApp {

  private PreloadedJobApp() {}

  @DistributedLock(key = "preloaded:job")
  static void job() {
    AppSupport.result("locked", AppSupport.holdsLock());
  }

  public static void main(String[] args) {
    AppSupport.awaitConnected();
    job();
  }
}
