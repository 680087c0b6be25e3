package io.github.distlock.agent.core;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.config.LoadedConfig;
import io.github.distlock.agent.core.instrument.LockInstrumentation;
import io.github.distlock.agent.core.lastholder.FailModes;
import io.github.distlock.agent.core.lock.DistlockRuntime;
import io.github.distlock.agent.core.lock.FailPolicies;
import io.github.distlock.agent.core.lock.LeaseRenewer;
import io.github.distlock.agent.core.lock.OutageConsequence;
import io.github.distlock.agent.core.lock.OutageLog;
import io.github.distlock.agent.core.metrics.JmxExport;
import io.github.distlock.agent.core.metrics.LockMetrics;
import io.github.distlock.agent.core.redis.RedisLockClient;
import io.github.distlock.agent.core.site.LockSites;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.UnusableStore;
import io.github.distlock.bootstrap.LockBridge;
import java.lang.instrument.Instrumentation;

/**
 * Wires the core together; called by premain through the agent's class loader. It starts nothing: the Redis
 * connection and the JMX export wait for the application's first lock ({@link FirstUse}), and are then opened on
 * daemon threads.
 */
public final class AgentInstaller {

  private AgentInstaller() {}

  /** Entry point, found by name from premain. */
  public static void install(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation).retransformLoadedBeforeStart();
  }

  /**
   * Entry point, found by name from agentmain: as {@link #install}, then the classes the running JVM has already
   * loaded get their locks. Calls already running keep the code they started with.
   */
  public static void attach(String agentArgs, Instrumentation instrumentation) {
    LoadedConfig loaded = ConfigLoader.forThisJvm(agentArgs).load();
    if (loaded.connectionProblem() != null) {
      // Unlike a JVM starting, a running one loses nothing by waiting for a corrected attach; installing would
      // leave it unable to lock (or, with failMode=closed, skipping every locked call) and refuse the retry.
      for (String error : loaded.errors()) {
        System.err.println("[distlock] ERROR config: " + error);
      }
      throw new IllegalStateException("distlock not attached: " + loaded.connectionProblem());
    }
    start(loaded, instrumentation).retransformOnAttach();
  }

  private static LockInstrumentation start(String agentArgs, Instrumentation instrumentation) {
    return start(ConfigLoader.forThisJvm(agentArgs).load(), instrumentation);
  }

  private static LockInstrumentation start(LoadedConfig loaded, Instrumentation instrumentation) {
    AgentConfig config = loaded.config();
    AgentLog log = new AgentLog(System.err, config.logLevel());
    for (String note : loaded.notes()) {
      log.info("config: " + note);
    }
    for (String warning : loaded.warnings()) {
      log.warn("config: " + warning);
    }
    for (String error : loaded.errors()) {
      log.error("config: " + error);
    }
    if (loaded.connectionProblem() != null) {
      log.error("config: invalid configuration, distlock will not connect to Redis; locked methods follow failMode="
          + config.failMode().settingName() + " until it is fixed");
    }
    log.info("config: " + config.describe());

    LockSites sites = new LockSites(config, log);
    OutageConsequence consequence = new OutageConsequence(config.failMode(), sites);
    OutageLog outage = new OutageLog(log, consequence);
    LockMetrics metrics = new LockMetrics(log);
    LockStore store = loaded.connectionProblem() == null
        ? new RedisLockClient(config, log, outage)
        : new UnusableStore(loaded.connectionProblem() + " (see the errors above)", consequence::withoutRedis,
            log);
    LeaseRenewer renewer = new LeaseRenewer(store, metrics, log, Ticker.SYSTEM);
    FirstUse firstUse = new FirstUse(() -> {
      store.start();
      renewer.startThread();
      if (!AfterShutdownHooks.register(instrumentation, () -> closeQuietly(store, log))) {
        log.debug("no shutdown step after the application's hooks; the JVM's exit may wait for Netty's threads");
      }
      // Last: it may wait for seconds, and this thread has nothing else to do.
      JmxExport.register(metrics, log);
    }, log);
    FailPolicies policies = FailModes.policies(store, outage, renewer, metrics, log, Ticker.SYSTEM);
    LockBridge.install(new DistlockRuntime(config, sites, store, renewer, policies, metrics, outage, log,
        Ticker.SYSTEM, firstUse), config.failMode());
    // Renewal goes on while the application shuts down, since its shutdown hooks may still run locked bodies; this
    // hook only lets the releases already sent land and makes later ones wait for their reply. Locks whose bodies
    // are still running when the JVM halts are left to expire after their ttl: deleting them could let another
    // replica start the same job concurrently.
    Runtime.getRuntime().addShutdownHook(new Thread(store::shutDown, "distlock-shutdown"));
    LockInstrumentation installed = LockInstrumentation.install(instrumentation, sites, config.lockRules(), log,
        firstUse);
    installed.reportUnmatchedRulesAfter(config.unmatchedRulesAfter());
    return installed;
  }

  // Runs inside the JVM's own shutdown sequence, after every application hook: nothing may escape or hang here.
  private static void closeQuietly(LockStore store, AgentLog log) {
    try {
      store.close();
    } catch (Throwable t) {
      log.debug("closing the Redis connection at exit failed: " + t);
    }
  }
}
