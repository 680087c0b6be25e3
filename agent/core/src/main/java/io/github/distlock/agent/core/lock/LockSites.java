package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every annotated method the agent has instrumented, by a small integer id that the advice carries as a constant.
 * Registration validates the annotation's values once and reports a bad one, naming the method.
 */
public final class LockSites {

  private final AgentConfig config;
  private final AgentLog log;
  private final Map<String, Integer> idsBySignature = new HashMap<>();
  // Copied on every registration: registrations are rare, and a volatile array publishes its elements safely.
  private volatile LockSite[] sites = new LockSite[0];

  public LockSites(AgentConfig config, AgentLog log) {
    this.config = config;
    this.log = log;
  }

  /**
   * Registers an annotated method; registering the same signature again (a retransformation) returns its id.
   *
   * @param name {@code Class#method} for messages
   * @param signature unique per method, e.g. name plus descriptor
   */
  public synchronized int register(String name, String signature, String key, String ttl, String lockAtLeastFor,
      boolean keepAlive) {
    Integer known = idsBySignature.get(signature);
    if (known != null) {
      return known;
    }
    LockSite site = resolve(name, key, ttl, lockAtLeastFor, keepAlive || config.keepAlive());
    if (!site.isValid()) {
      log.error(name + ": " + site.problem() + "; this method follows failMode="
          + config.failMode().name().toLowerCase(Locale.ROOT));
    }
    int id = sites.length;
    LockSite[] grown = Arrays.copyOf(sites, id + 1);
    grown[id] = site;
    sites = grown;
    idsBySignature.put(signature, id);
    return id;
  }

  /** The site with this id; ids come only from {@link #register}, so it exists. */
  public LockSite get(int id) {
    return sites[id];
  }

  private LockSite resolve(String name, String key, String ttlText, String atLeastText, boolean keepAlive) {
    if (key == null || key.isEmpty()) {
      return LockSite.invalid(name, "@DistributedLock key is empty; expected a lock name such as \"cron:daily\"");
    }
    Duration ttl;
    Duration atLeast;
    try {
      ttl = ttlText == null || ttlText.isEmpty() ? config.defaultTtl() : parse("ttl", ttlText);
      atLeast = parse("lockAtLeastFor", atLeastText == null ? "0" : atLeastText);
    } catch (IllegalArgumentException e) {
      return LockSite.invalid(name, e.getMessage());
    }
    if (ttl.isZero()) {
      return LockSite.invalid(name, "@DistributedLock ttl = \"" + ttlText + "\" is not valid: expected a positive"
          + " duration");
    }
    if (atLeast.compareTo(ttl) > 0) {
      return LockSite.invalid(name, "@DistributedLock lockAtLeastFor = \"" + atLeastText + "\" exceeds ttl ("
          + Durations.format(ttl) + "); expected lockAtLeastFor <= ttl");
    }
    return LockSite.valid(name, config.keyPrefix() + key, ttl, atLeast, keepAlive);
  }

  private static Duration parse(String attribute, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@DistributedLock " + attribute + " = \"" + text + "\" is not valid:"
          + " expected " + Durations.EXPECTED, e);
    }
  }
}
