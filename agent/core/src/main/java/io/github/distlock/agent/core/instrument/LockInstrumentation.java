package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.lock.LockSites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * Registers the transformer that puts a lock around every {@code @DistributedLock} method and every method a lock
 * rule names. Byte Buddy's advice is set up when the first such class is loaded, not before: it takes hundreds of
 * milliseconds on a cold JVM, which an application without locks should not pay while it starts.
 */
public final class LockInstrumentation {

  private final Instrumentation instrumentation;
  private final AnnotationPrefilter prefilter;
  private final LockRuleMatcher rules;
  private final AgentLog log;

  private LockInstrumentation(Instrumentation instrumentation, AnnotationPrefilter prefilter, LockRuleMatcher rules,
      AgentLog log) {
    this.instrumentation = instrumentation;
    this.prefilter = prefilter;
    this.rules = rules;
    this.log = log;
  }

  /**
   * Adds the transformer; Byte Buddy is not touched yet.
   *
   * @param firstUse run as soon as a class using the annotation is seen, before it is woven
   */
  public static LockInstrumentation install(Instrumentation instrumentation, LockSites sites, List<LockRule> rules,
      AgentLog log, Runnable firstUse) {
    LockRuleMatcher ruleMatcher = new LockRuleMatcher(rules);
    FutureTask<LockWeaver> weaver = new FutureTask<>(() -> new LockWeaver(sites, ruleMatcher, log));
    AnnotationPrefilter prefilter = new AnnotationPrefilter(weaver, ruleMatcher, firstUse, log);
    instrumentation.addTransformer(prefilter, true);
    return new LockInstrumentation(instrumentation, prefilter, ruleMatcher, log);
  }

  /**
   * Reports, {@code after} from now, the lock rules that have locked nothing yet, with what they may have meant;
   * nothing happens (no thread) without rules.
   */
  public void reportUnmatchedRulesAfter(Duration after) {
    if (!rules.unmatched().isEmpty()) {
      new UnmatchedRuleReport(rules, instrumentation, after, log).start();
    }
  }

  /**
   * Gives their locks to the classes loaded before the transformer was added, as in a JVM the agent was attached
   * to. A class is chosen by the same test on its class file as at load time, read from its class loader; only the
   * chosen ones are retransformed.
   */
  public void retransformLoadedClasses() {
    List<Class<?>> chosen = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.isArray() || type.isPrimitive() || !instrumentation.isModifiableClass(type)) {
        continue;
      }
      String internalName = type.getName().replace('.', '/');
      if (AnnotationPrefilter.isIgnored(internalName)) {
        continue;
      }
      byte[] classFile = classFile(type, internalName);
      if (classFile != null && prefilter.mayLock(internalName, classFile)) {
        chosen.add(type);
      }
    }
    int retransformed = 0;
    for (Class<?> type : chosen) {
      try {
        instrumentation.retransformClasses(type);
        retransformed++;
      } catch (Throwable t) {
        log.error("could not give " + type.getName() + " its locks: " + t);
      }
    }
    log.info("attached: " + retransformed + " loaded classes with locks retransformed; calls already running keep"
        + " the code they started with");
  }

  // The class file as its loader has it: a class whose loader cannot give it back (generated at run time) has none
  // of the annotations or rule names the test looks for anyway.
  private static byte[] classFile(Class<?> type, String internalName) {
    ClassLoader loader = type.getClassLoader();
    String resource = internalName + ".class";
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
