package io.github.distlock.agent.core.site;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.bootstrap.FailMode;
import java.time.Duration;

/**
 * Turns an annotation's raw values into a {@link LockSite}, filling in the configured defaults, or into an invalid
 * site that says which value is wrong and what was expected.
 */
public final class LockSiteResolver {

  private final AgentConfig config;

  public LockSiteResolver(AgentConfig config) {
    this.config = config;
  }

  public LockSite resolve(LockedMethod method, LockAttributes attributes) {
    String name = method.name();
    String failModeText = attributes.failMode() == null ? "" : attributes.failMode();
    FailMode failMode = failModeText.isEmpty() ? config.failMode() : FailMode.forSetting(failModeText);
    if (failMode == null) {
      return LockSite.invalid(name, config.failMode(), attributes.source() + " failMode = " + failModeText
          + " is not known to this agent: expected " + FailMode.EXPECTED + " (an annotations jar newer than the"
          + " agent?)");
    }
    String key = attributes.key();
    if (key == null || key.isEmpty()) {
      return LockSite.invalid(name, failMode,
          attributes.source() + " key is empty; expected a lock name such as \"cron:daily\"");
    }
    String ttlText = attributes.ttl();
    String atLeastText = attributes.lockAtLeastFor() == null ? "0" : attributes.lockAtLeastFor();
    Duration ttl;
    Duration atLeast;
    try {
      ttl = ttlText == null || ttlText.isEmpty() ? config.defaultTtl() : parse(attributes, "ttl", ttlText);
      atLeast = parse(attributes, "lockAtLeastFor", atLeastText);
    } catch (IllegalArgumentException e) {
      return LockSite.invalid(name, failMode, e.getMessage());
    }
    if (ttl.isZero()) {
      return LockSite.invalid(name, failMode, attributes.source() + " ttl = \"" + ttlText + "\" is not valid:"
          + " expected a positive duration");
    }
    if (atLeast.compareTo(ttl) > 0) {
      return LockSite.invalid(name, failMode, attributes.source() + " lockAtLeastFor = \"" + atLeastText
          + "\" exceeds ttl (" + Durations.format(ttl) + "); expected lockAtLeastFor <= ttl");
    }
    boolean keepAlive = attributes.keepAlive() || config.keepAlive();
    try {
      KeyTemplate template = KeyTemplate.compile(key, attributes.parameterNames());
      return LockSite.valid(name, failMode, config.keyPrefix(), key, template, ttl, atLeast, keepAlive);
    } catch (IllegalArgumentException e) {
      // Locking a single key, as before templates existed, beats not locking at all: one more lock than meant
      // makes calls wait their turn, none lets every replica run.
      String literal = KeyTemplate.literal(key);
      return LockSite.literalKey(name, failMode, config.keyPrefix(), literal, ttl, atLeast, keepAlive,
          attributes.source() + " key = \"" + key + "\" is not valid: " + e.getMessage() + "; until it is fixed, every"
              + " call locks the one key \"" + config.keyPrefix() + literal + "\"");
    }
  }

  private static Duration parse(LockAttributes attributes, String attribute, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(attributes.source() + " " + attribute + " = \"" + text + "\" is not valid:"
          + " expected " + Durations.EXPECTED, e);
    }
  }
}
