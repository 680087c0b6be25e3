package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.lock.LockSites;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * Registers the transformer that puts a lock around every {@code @DistributedLock} method. Byte Buddy's advice is
 * set up when the first class that uses the annotation is loaded, not before: it takes hundreds of milliseconds
 * on a cold JVM, which an application without locks should not pay while it starts.
 */
public final class LockInstrumentation {

  private LockInstrumentation() {}

  /**
   * Adds the transformer; Byte Buddy is not touched yet.
   *
   * @param firstUse run as soon as a class using the annotation is seen, before it is woven
   */
  public static void install(Instrumentation instrumentation, LockSites sites, List<LockRule> rules, AgentLog log,
      Runnable firstUse) {
    LockRuleMatcher ruleMatcher = new LockRuleMatcher(rules);
    FutureTask<LockWeaver> weaver = new FutureTask<>(() -> new LockWeaver(sites, ruleMatcher, log));
    instrumentation.addTransformer(new AnnotationPrefilter(weaver, ruleMatcher, firstUse, log), true);
  }
}
