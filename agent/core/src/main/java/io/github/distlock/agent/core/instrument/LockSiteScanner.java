package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.instrument.result.ResultKind;
import io.github.distlock.agent.core.instrument.result.ResultKinds;
import io.github.distlock.agent.core.instrument.result.ReturnType;
import io.github.distlock.agent.core.site.LockAttributes;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.site.LockSiteResolver;
import io.github.distlock.agent.core.site.LockedMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Finds an application's lock sites in its class files, without running it: the methods the agent would lock, by
 * the same prefilter, annotation and rule matching as at load time, with the values checked as when a site is
 * registered. What the agent would report at start-up becomes a problem of the scan.
 */
public final class LockSiteScanner {

  private final LockRuleMatcher rules;
  private final LockSiteResolver resolver;
  private final TypePool classPath;
  private final List<ScannedSite> sites = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  /** @param classPath the application's class files, so that a rule naming a supertype can be followed */
  public LockSiteScanner(AgentConfig config, ClassFileLocator classPath) {
    this.rules = new LockRuleMatcher(config.lockRules());
    this.resolver = new LockSiteResolver(config);
    // Lazy: a type the application refers to but does not ship (a provided dependency) only matters if followed.
    this.classPath = TypePool.Default.WithLazyResolution.of(new ClassFileLocator.Compound(classPath,
        new ClassFileLocator.Simple(LockAnnotation.standInClassFiles())));
  }

  /** Scans one class file of the application, found at {@code location}. */
  public void scan(String internalName, byte[] classFile, String location) {
    if (!AnnotationPrefilter.mayLock(internalName, classFile, rules)) {
      return;
    }
    String name = internalName.replace('/', '.');
    Map<MethodDescription.InDefinedShape, LockAttributes> lockable;
    try {
      TypeDescription type = classPath.describe(name).resolve();
      lockable = new LockedTypeMatcher(rules, problems::add).lockableMethods(type);
    } catch (RuntimeException e) {
      problems.add(name + " (" + location + ") could not be read: " + e);
      return;
    }
    for (Map.Entry<MethodDescription.InDefinedShape, LockAttributes> entry : lockable.entrySet()) {
      sites.add(site(entry.getKey(), entry.getValue(), location));
    }
  }

  private ScannedSite site(MethodDescription method, LockAttributes attributes, String location) {
    LockedMethod locked = LockAnnotation.method(method);
    LockSite site = resolver.resolve(locked, attributes);
    ReturnType returned = ReturnType.of(method);
    ResultKind kind = ResultKinds.of(returned);
    String problem = !site.isValid() ? site.problem()
        : site.keyProblem() != null ? site.keyProblem() : kind.warning(returned);
    if (problem != null) {
      problems.add(site.name() + ": " + problem);
    }
    String ttl = site.isValid() ? Durations.format(Duration.ofMillis(site.ttlMillis()))
        : attributes.ttl() == null || attributes.ttl().isEmpty() ? "(defaultTtl)" : attributes.ttl();
    String atLeast = site.isValid() ? Durations.format(Duration.ofNanos(site.minHoldNanos()))
        : attributes.lockAtLeastFor();
    return new ScannedSite(locked.declaration(), site.isValid() ? site.redisKey() : "", ttl, atLeast,
        site.isValid() ? site.keepAlive() : attributes.keepAlive(), site.failMode().settingName(), kind.lockHeld(),
        attributes.source(), location, problem);
  }

  /** The sites found so far, in the order scanned. */
  public List<ScannedSite> sites() {
    return Collections.unmodifiableList(sites);
  }

  /**
   * What is wrong, each naming the method or the rule: values the agent would reject, locks that cannot work as
   * written, and the lock rules that matched no method of the classes scanned, with the names they may have meant.
   *
   * @param classNames every class of the application, where a rule's near misses are looked for
   */
  public List<String> problems(Collection<String> classNames) {
    List<String> all = new ArrayList<>(problems);
    for (LockRule rule : rules.unmatched()) {
      all.add("lock rule at " + rule.origin() + " (" + rule.target() + ") matches no method: "
          + RuleNearMatches.describe(rule, rules.declaredByNamedClass(rule), classNames, "found in the application"));
    }
    return all;
  }
}
