package io.github.distlock.it.apps;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A Prometheus registry added to Micrometer's global one, as Spring Boot binds its registries; loaded only when
 * used, so that {@link MetricsApp} also runs without Micrometer.
 */
final class MicrometerScrape {

  private static PrometheusMeterRegistry registry;

  private MicrometerScrape() {}

  static void install() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
  }

  static String scrape() {
    return registry.scrape();
  }
}
