package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/**
 * An app whose locked job runs three times and is skipped once (the test holds {@code busy}'s key), then waits for
 * {@code exit} so that its metrics can be read. Argument: {@code micrometer} to publish Micrometer's global
 * registry in Prometheus' format, as Spring Boot's actuator does (each scrape is printed between {@code SCRAPE n}
 * and {@code END n}), or {@code plain} for an app without Micrometer.
 */
public final class MetricsApp {

  private MetricsApp() {}

  @DistributedLock(key = "metrics:job", ttl = "30s")
  static boolean job() {
    return true;
  }

  @DistributedLock(key = "metrics:busy", ttl = "30s")
  static boolean busy() {
    return true;
  }

  public static void main(String[] args) {
    boolean micrometer = args[0].equals("micrometer");
    if (micrometer) {
      MicrometerScrape.install();
    }
    int ran = 0;
    for (int i = 0; i < 3; i++) {
      ran += job() ? 1 : 0;
    }
    AppSupport.result("jobRuns", ran);
    AppSupport.result("busyRan", busy());
    System.out.println("DONE");
    int scrapes = 0;
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      if (command.equals("scrape") && micrometer) {
        scrapes++;
        System.out.println("SCRAPE " + scrapes);
        System.out.println(MicrometerScrape.scrape());
        System.out.println("END " + scrapes);
      } else if (command.equals("exit")) {
        return;
      }
    }
  }
}
