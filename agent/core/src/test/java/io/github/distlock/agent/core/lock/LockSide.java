package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.agent.core.base.ManualTicker;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.lastholder.FailModes;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.metrics.LockStats;
import io.github.distlock.agent.core.site.LockAttributes;
import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.agent.core.site.LockedMethod;
import io.github.distlock.agent.core.store.Acquisition;
import io.github.distlock.agent.core.store.InMemoryLockStore;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.bootstrap.FailMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;

/**
 * The lock side of one JVM, wired as the agent wires it, on the {@link InMemoryLockStore} and a clock the test
 * moves: the bridge's runtime, its sites, counters and log. Another replica is the same store reached through
 * {@link #takeAsAnotherReplica}.
 */
public final class LockSide {

  public static final String PREFIX = "app:";

  public final ManualTicker ticker = new ManualTicker();
  public final InMemoryLockStore store = new InMemoryLockStore(ticker);
  public final LockMetrics metrics;
  public final DistlockRuntime runtime;
  private final LockSites sites;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private int methods;

  /** @param failMode the configured fail mode, which the facade and sites without their own follow */
  public LockSide(FailMode failMode) {
    AgentConfig config = new ConfigLoader("keyPrefix=" + PREFIX + ",failMode=" + failMode.settingName(),
        new Properties(), Collections.<String, String>emptyMap()).load().config();
    AgentLog log = new AgentLog(new PrintStream(logged, true), LogLevel.INFO);
    metrics = new LockMetrics(log);
    sites = new LockSites(config, log);
    OutageLog outage = new OutageLog(log, new OutageConsequence(config.failMode(), sites));
    LeaseRenewer renewer = new LeaseRenewer(store, metrics, log, ticker);
    FailPolicies policies = FailModes.policies(store, outage, renewer, metrics, log, ticker);
    runtime = new DistlockRuntime(config, sites, store, renewer, policies, metrics, outage, log, ticker, () -> {});
  }

  /** Registers a locked method on {@code key} (without prefix): its site id. */
  public int site(String key, String ttl, String lockAtLeastFor, FailMode failMode) {
    String name = "method" + ++methods;
    return sites.register(LockSide.class.getClassLoader(), new LockedMethod("com.acme.Jobs", name, "()V"),
        new LockAttributes(key, ttl, lockAtLeastFor, false, failMode.name(), Collections.<String>emptyList()));
  }

  /** Another replica takes {@code key} (without prefix) for {@code ttl}: its token, or null when busy. */
  public String takeAsAnotherReplica(String key, Duration ttl) {
    Acquisition taken = store.tryAcquire(new LockRequest(PREFIX + key, ttl.toMillis(), FailMode.OPEN));
    return taken.token();
  }

  /** Who holds {@code key} (without prefix) in the store: a token, or null. */
  public String holder(String key) {
    return store.holder(PREFIX + key);
  }

  /** The counters of {@code key} (without prefix); all zero for a key never used. */
  public LockStats stats(String key) {
    Map<String, LockStats> keys = metrics.getKeys();
    LockStats stats = keys.get(PREFIX + key);
    return stats != null ? stats : new LockStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, "", "");
  }

  /** Everything the agent has logged so far. */
  public String log() {
    return new String(logged.toByteArray(), StandardCharsets.UTF_8);
  }

  public void advance(Duration by) {
    ticker.advance(by);
  }
}
