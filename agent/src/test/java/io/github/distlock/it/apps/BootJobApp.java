package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/** The start class of a Spring Boot executable jar: loaded from BOOT-INF/classes by Boot's own class loader. */
public final class BootJobApp {

  @DistributedLock(key = "boot:job")
  static void job() {
    AppSupport.result("bootLocked", AppSupport.holdsLock());
  }

  public static void main(String[] args) {
    AppSupport.awaitConnected();
    AppSupport.result("bootLoader", BootJobApp.class.getClassLoader().getClass().getName());
    job();
  }
}
