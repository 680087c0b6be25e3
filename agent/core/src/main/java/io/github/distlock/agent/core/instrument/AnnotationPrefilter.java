package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.base.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Rejects, from its bytes alone, every class that cannot contain a lock: a class using {@code @DistributedLock}
 * has the annotation's descriptor as an entry of its constant pool, and one that a lock rule names has the rule's
 * class name there (its own, or a supertype's). Only the rest reach Byte Buddy, so the agent
 * builds no type description for the thousands of classes an application loads (unlike annotation matchers,
 * which parse every class and load its annotation types).
 */
final class AnnotationPrefilter implements ClassFileTransformer {

  private static final byte[] DESCRIPTOR = LockAnnotation.DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
  private static final String[] IGNORED_PREFIXES = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/", "io/github/distlock/agent/", "io/github/distlock/bootstrap/",
    "net/bytebuddy/", "io/opentelemetry/javaagent/", "co/elastic/apm/", "datadog/"
  };

  private static final ClassLoader AGENT_LOADER = AnnotationPrefilter.class.getClassLoader();

  private final RunnableFuture<LockWeaver> weaver;
  private final LockRuleMatcher rules;
  private final AtomicReference<Thread> builder = new AtomicReference<>();
  private final Runnable firstUse;
  private final Consumer<Set<String>> retransformAfterSetUp;
  private final Set<String> loadedDuringSetUp = ConcurrentHashMap.newKeySet();
  private final AgentLog log;

  /**
   * A filter that hands the classes it lets through to {@code weaver}.
   *
   * @param weaver built by the first class that needs it, on its loading thread; later ones wait for it
   * @param firstUse starts connecting to Redis, in parallel with that set-up
   * @param retransformAfterSetUp given, once the weaver is built, the internal names of the classes that may hold
   *     a lock and were loaded by the set-up itself, too early to be woven
   */
  AnnotationPrefilter(RunnableFuture<LockWeaver> weaver, LockRuleMatcher rules, Runnable firstUse,
      Consumer<Set<String>> retransformAfterSetUp, AgentLog log) {
    this.weaver = weaver;
    this.rules = rules;
    this.firstUse = firstUse;
    this.retransformAfterSetUp = retransformAfterSetUp;
    this.log = log;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    // The agent's own classes (Netty's tasks, say) are never locked, whatever supertype a rule names.
    if (isAgents(loader) || !mayLock(className, classfileBuffer)) {
      return null;
    }
    if (log.isDebugEnabled()) {
      log.debug("inspecting " + className.replace('/', '.') + ": it references @DistributedLock or a lock rule's"
          + " class");
    }
    firstUse.run();
    LockWeaver ready = awaitWeaver(className);
    return ready == null ? null : ready.weave(loader, className, classfileBuffer);
  }

  /** Whether the class may hold a lock, judged from its internal name and bytes alone; {@code false} is certain. */
  boolean mayLock(String className, byte[] classFile) {
    return mayLock(className, classFile, rules);
  }

  static boolean mayLock(String className, byte[] classFile, LockRuleMatcher rules) {
    return className != null && !isIgnored(className)
        && (ConstantPool.hasUtf8(classFile, DESCRIPTOR) || rules.mayMatch(classFile));
  }

  private LockWeaver awaitWeaver(String className) {
    if (!weaver.isDone()) {
      Thread current = Thread.currentThread();
      if (builder.compareAndSet(null, current)) {
        weaver.run();
        if (!loadedDuringSetUp.isEmpty() && isBuilt()) {
          retransformAfterSetUp.accept(loadedDuringSetUp);
        }
      } else if (builder.get() == current) {
        // Loaded by the set-up itself: waiting for the weaver here would be waiting for this very thread. The class
        // keeps its bytes for now and is retransformed once the set-up is done.
        log.debug(className.replace('/', '.') + " was loaded while the instrumentation was being set up; it is"
            + " given its locks once that is done");
        loadedDuringSetUp.add(className);
        return null;
      }
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return weaver.get();
        } catch (InterruptedException e) {
          // Class loading must not fail because the loading thread was interrupted; keep the flag for later.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      log.error("instrumentation set-up failed; @DistributedLock methods run without a lock", e.getCause());
      return null;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // Only a weaver that was built can weave the classes its set-up loaded; a failed set-up is reported once, below.
  private boolean isBuilt() {
    try {
      return weaver.get() != null;
    } catch (InterruptedException | ExecutionException | RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code loader} is the agent's own, which defines the agent's libraries. */
  static boolean isAgents(ClassLoader loader) {
    return loader != null && loader == AGENT_LOADER;
  }

  /** Whether the class is the JDK's, the agent's or another agent's, from its internal name alone. */
  static boolean isIgnored(String className) {
    for (String prefix : IGNORED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
