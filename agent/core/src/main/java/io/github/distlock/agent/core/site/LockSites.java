package io.github.distlock.agent.core.site;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.bootstrap.FailMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every annotated method the agent has instrumented, by a small integer id that the advice carries as a constant.
 * A site belongs to a method in one class loader: two web applications, or an application before and after a
 * devtools restart, may each define a class of the same name with different annotation values. Registration
 * validates the values once and reports a bad one, naming the method.
 */
public final class LockSites {

  private final LockSiteResolver resolver;
  private final AgentLog log;
  // Weak keys: a discarded class loader (an undeployed web app, a restart) must stay collectable. The bootstrap
  // loader is the null key, which WeakHashMap holds strongly.
  private final Map<ClassLoader, Map<String, Integer>> idsByLoader = new WeakHashMap<>();
  // Copied on every registration: registrations are rare, and a volatile array publishes its elements safely.
  private volatile LockSite[] sites = new LockSite[0];

  public LockSites(AgentConfig config, AgentLog log) {
    this.resolver = new LockSiteResolver(config);
    this.log = log;
  }

  /**
   * Registers an annotated method defined by {@code loader} ({@code null} for the bootstrap loader). The same
   * method in the same loader again, as on a retransformation, gets the id it got the first time.
   */
  public synchronized int register(ClassLoader loader, LockedMethod method, LockAttributes attributes) {
    Map<String, Integer> ids = idsByLoader.get(loader);
    if (ids == null) {
      ids = new HashMap<>();
      idsByLoader.put(loader, ids);
    }
    Integer known = ids.get(method.signature());
    if (known != null) {
      return known;
    }
    LockSite site = resolver.resolve(method, attributes);
    if (!site.isValid()) {
      log.error(site.name() + ": " + site.problem() + "; this method follows failMode="
          + site.failMode().settingName());
    } else if (site.keyProblem() != null) {
      log.error(site.name() + ": " + site.keyProblem());
    } else if (log.isDebugEnabled()) {
      log.debug("lock site " + method.signature() + " -> " + site.redisKey());
    }
    int id = sites.length;
    LockSite[] grown = Arrays.copyOf(sites, id + 1);
    grown[id] = site;
    sites = grown;
    ids.put(method.signature(), id);
    return id;
  }

  /** The sites whose fail mode is not {@code failMode}, each as {@code Class#method (mode)}. */
  public List<String> withFailModeOtherThan(FailMode failMode) {
    List<String> named = new ArrayList<>();
    for (LockSite site : sites) {
      if (site.failMode() != failMode) {
        named.add(site.name() + " (" + site.failMode().settingName() + ")");
      }
    }
    return named;
  }

  /** The site with this id; ids come only from {@link #register}, so it exists. */
  public LockSite get(int id) {
    return sites[id];
  }
}
