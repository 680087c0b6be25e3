package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import java.time.Duration;

/**
 * Turns an annotation's raw values into a {@link LockSite}, filling in the configured defaults, or into an invalid
 * site that says which value is wrong and what was expected.
 */
final class LockSiteResolver {

  private final AgentConfig config;

  LockSiteResolver(AgentConfig config) {
    this.config = config;
  }

  LockSite resolve(LockedMethod method, LockAttributes attributes) {
    String name = method.name();
    String key = attributes.key();
    if (key == null || key.isEmpty()) {
      return LockSite.invalid(name, config.failMode(),
          "@DistributedLock key is empty; expected a lock name such as \"cron:daily\"");
    }
    String ttlText = attributes.ttl();
    String atLeastText = attributes.lockAtLeastFor() == null ? "0" : attributes.lockAtLeastFor();
    Duration ttl;
    Duration atLeast;
    try {
      ttl = ttlText == null || ttlText.isEmpty() ? config.defaultTtl() : parse("ttl", ttlText);
      atLeast = parse("lockAtLeastFor", atLeastText);
    } catch (IllegalArgumentException e) {
      return LockSite.invalid(name, config.failMode(), e.getMessage());
    }
    if (ttl.isZero()) {
      return LockSite.invalid(name, config.failMode(), "@DistributedLock ttl = \"" + ttlText + "\" is not valid:"
          + " expected a positive duration");
    }
    if (atLeast.compareTo(ttl) > 0) {
      return LockSite.invalid(name, config.failMode(), "@DistributedLock lockAtLeastFor = \"" + atLeastText
          + "\" exceeds ttl (" + Durations.format(ttl) + "); expected lockAtLeastFor <= ttl");
    }
    KeyTemplate template;
    try {
      template = KeyTemplate.compile(key, attributes.parameterNames());
    } catch (IllegalArgumentException e) {
      return LockSite.invalid(name, config.failMode(), "@DistributedLock key = \"" + key + "\" is not valid: "
          + e.getMessage());
    }
    return LockSite.valid(name, config.failMode(), config.keyPrefix(), key, template, ttl, atLeast,
        attributes.keepAlive() || config.keepAlive());
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
