package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.AgentThreads;
import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.site.LockSites;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;
import net.bytebuddy.utility.StreamDrainer;

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

  private LockInstrumentation(Instrumentation instrumentation, LockSites sites, LockRuleMatcher rules, AgentLog log,
      Runnable firstUse) {
    this.instrumentation = instrumentation;
    this.rules = rules;
    this.log = log;
    FutureTask<LockWeaver> weaver = new FutureTask<>(() -> new LockWeaver(sites, rules, log));
    this.prefilter = new AnnotationPrefilter(weaver, rules, firstUse, this::retransformLater, log);
  }

  /**
   * Adds the transformer; Byte Buddy is not touched yet.
   *
   * @param firstUse run as soon as a class using the annotation is seen, before it is woven
   */
  public static LockInstrumentation install(Instrumentation instrumentation, LockSites sites, List<LockRule> rules,
      AgentLog log, Runnable firstUse) {
    LockInstrumentation installed =
        new LockInstrumentation(instrumentation, sites, new LockRuleMatcher(rules), log, firstUse);
    instrumentation.addTransformer(installed.prefilter, true);
    return installed;
  }

  /**
   * Reports, {@code after} from now, the lock rules that have locked nothing yet, with what they may have meant;
   * nothing happens (no thread) without rules, or when {@code after} is zero.
   */
  public void reportUnmatchedRulesAfter(Duration after) {
    if (!after.isZero() && !rules.unmatched().isEmpty()) {
      new UnmatchedRuleReport(rules, instrumentation, after, log).start();
    }
  }

  /**
   * Gives their locks to the classes the JVM had loaded before the transformer was added, as in a JVM the agent
   * was attached to, and says how many.
   */
  public void retransformOnAttach() {
    int retransformed = retransform(name -> true).size();
    log.info("attached: retransformed " + retransformed + " loaded classes that may hold locks; calls already"
        + " running keep the code they started with");
  }

  /**
   * Gives their locks to the classes loaded before premain added the transformer: by an agent listed before this
   * one, or a custom system class loader. There are none in most JVMs, and then nothing is said.
   */
  public void retransformLoadedBeforeStart() {
    int retransformed = retransform(name -> true).size();
    if (retransformed > 0) {
      log.info("retransformed " + retransformed + " classes that may hold locks, loaded before distlock started");
    }
  }

  // Classes loaded by the weaver's own set-up could not be woven as they loaded; this runs once it is done, on a
  // thread of its own, since the set-up ran inside another class's loading.
  private void retransformLater(Set<String> internalNames) {
    AgentThreads.daemon(() -> {
      Set<String> missed = new TreeSet<>(internalNames);
      missed.removeAll(retransform(internalNames::contains));
      for (String name : missed) {
        log.error(name.replace('/', '.') + " was loaded while the instrumentation was being set up and could not be"
            + " retransformed; its locked methods run without a lock");
      }
    }, "distlock-retransform").start();
  }

  /**
   * Retransforms the loaded classes whose internal name {@code named} accepts and that may hold a lock, chosen by
   * the same test on their class file as at load time, read from their class loader; returns their internal names.
   * The agent's own classes are left alone, whatever a rule names.
   */
  private List<String> retransform(Predicate<String> named) {
    List<Class<?>> chosen = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.isArray() || type.isPrimitive() || AnnotationPrefilter.isAgents(type.getClassLoader())
          || !instrumentation.isModifiableClass(type)) {
        continue;
      }
      String internalName = type.getName().replace('.', '/');
      if (AnnotationPrefilter.isIgnored(internalName) || !named.test(internalName)) {
        continue;
      }
      byte[] classFile = classFile(type, internalName);
      if (classFile != null && prefilter.mayLock(internalName, classFile)) {
        chosen.add(type);
      }
    }
    List<String> retransformed = new ArrayList<>();
    for (Class<?> type : chosen) {
      try {
        instrumentation.retransformClasses(type);
        retransformed.add(type.getName().replace('.', '/'));
      } catch (Throwable t) {
        log.error("could not give " + type.getName() + " its locks: " + t);
      }
    }
    return retransformed;
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
      return StreamDrainer.DEFAULT.drain(in);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
