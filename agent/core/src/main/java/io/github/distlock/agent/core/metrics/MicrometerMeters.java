package io.github.distlock.agent.core.metrics;

import io.github.distlock.agent.core.base.AgentLog;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each key's counters as meters in the application's Micrometer global registry, when the application has
 * Micrometer: Spring Boot binds its registries to it, so {@code /actuator/prometheus} shows them as
 * {@code distlock_acquired_total{key="..."}}. Micrometer is the application's, found through the class loader of
 * the thread that first locks a key; the agent carries none, and works the same without it. Reached by reflection
 * only when a key is first seen, never on the lock path.
 */
final class MicrometerMeters {

  private static final String METRICS = "io.micrometer.core.instrument.Metrics";

  private final AgentLog log;
  private final Set<ClassLoader> tried = Collections.newSetFromMap(new WeakHashMap<>());
  private Registry registry;

  MicrometerMeters(AgentLog log) {
    this.log = log;
  }

  /**
   * A key was first counted, on the current thread: publishes it, and every key counted before, once Micrometer is
   * found. Never throws.
   */
  synchronized void keyAdded(String key, KeyStats stats, Map<String, KeyStats> known) {
    try {
      if (registry == null) {
        registry = find(Thread.currentThread().getContextClassLoader());
        if (registry == null) {
          registry = find(ClassLoader.getSystemClassLoader());
        }
        if (registry == null) {
          return;
        }
        for (Map.Entry<String, KeyStats> earlier : known.entrySet()) {
          if (!earlier.getKey().equals(key)) {
            registry.publish(earlier.getKey(), earlier.getValue());
          }
        }
      }
      registry.publish(key, stats);
    } catch (Throwable t) {
      // A Micrometer too different from the one this was written for: JMX still has the counters.
      log.warn("metrics not published to Micrometer: " + t);
      registry = Registry.NONE;
    }
  }

  private Registry find(ClassLoader loader) throws ReflectiveOperationException {
    if (loader == null || !tried.add(loader)) {
      return null;
    }
    Class<?> metrics;
    try {
      metrics = Class.forName(METRICS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    log.debug("metrics published to Micrometer's global registry");
    return new Registry(metrics);
  }

  /** Micrometer's global registry and the builders that register function counters and gauges in it. */
  private static class Registry {

    static final Registry NONE = new Registry();

    private final Object global;
    private final Method counter;
    private final Method counterTag;
    private final Method counterDescription;
    private final Method counterRegister;
    private final Method gauge;
    private final Method gaugeTag;
    private final Method gaugeUnit;
    private final Method gaugeRegister;

    private Registry() {
      global = null;
      counter = counterTag = counterDescription = counterRegister = gauge = gaugeTag = gaugeUnit = gaugeRegister = null;
    }

    Registry(Class<?> metrics) throws ReflectiveOperationException {
      ClassLoader loader = metrics.getClassLoader();
      global = metrics.getField("globalRegistry").get(null);
      Class<?> registryType = Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader);
      Class<?> counterType = Class.forName("io.micrometer.core.instrument.FunctionCounter", false, loader);
      counter = counterType.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
      counterTag = counter.getReturnType().getMethod("tag", String.class, String.class);
      counterDescription = counter.getReturnType().getMethod("description", String.class);
      counterRegister = counter.getReturnType().getMethod("register", registryType);
      Class<?> gaugeType = Class.forName("io.micrometer.core.instrument.Gauge", false, loader);
      gauge = gaugeType.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
      gaugeTag = gauge.getReturnType().getMethod("tag", String.class, String.class);
      gaugeUnit = gauge.getReturnType().getMethod("baseUnit", String.class);
      gaugeRegister = gauge.getReturnType().getMethod("register", registryType);
    }

    void publish(String key, KeyStats stats) throws ReflectiveOperationException {
      if (global == null) {
        return;
      }
      for (LockEvent event : LockEvent.values()) {
        ToDoubleFunction<KeyStats> count = of -> of.sum(event);
        Object builder = counter.invoke(null, meterName(event), stats, count);
        counterTag.invoke(builder, "key", key);
        counterDescription.invoke(builder, "distlock: " + event.metricName().replace('_', ' ') + ", per lock key");
        counterRegister.invoke(builder, global);
      }
      ToDoubleFunction<KeyStats> lastHold = of -> of.lastHoldMillis.get();
      Object builder = gauge.invoke(null, "distlock.last.hold", stats, lastHold);
      gaugeTag.invoke(builder, "key", key);
      gaugeUnit.invoke(builder, "milliseconds");
      gaugeRegister.invoke(builder, global);
    }

    /** {@code distlock.failed.open}, which Prometheus shows as {@code distlock_failed_open_total}. */
    static String meterName(LockEvent event) {
      return "distlock." + event.metricName().replace('_', '.');
    }
  }
}
