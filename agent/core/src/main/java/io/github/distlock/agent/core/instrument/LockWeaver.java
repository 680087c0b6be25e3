package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.lock.LockSites;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines {@link LockAdvice} into the lockable methods of one class, working from the class file alone: the type
 * is described from its bytes (never loaded), and only the method bodies change, so no class format change is
 * needed and retransformation stays possible.
 *
 * <p>It calls {@code ByteBuddy.decorate} directly rather than through {@code AgentBuilder}: the prefilter has
 * already chosen the class, and {@code AgentBuilder}'s constructor sets up class injection that, on Java 24 and
 * later, calls {@code sun.misc.Unsafe} and makes the JVM print a warning into every application's output.
 */
final class LockWeaver {

  private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);
  private final LockedTypeMatcher matcher;
  private final AsmVisitorWrapper plainReturn;
  private final AsmVisitorWrapper optionalReturn;
  private final AgentLog log;

  LockWeaver(LockSites sites, AgentLog log) {
    this.log = log;
    this.matcher = new LockedTypeMatcher(log);
    Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(new LockSiteIdMapping(sites));
    ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(LockAdvice.class.getClassLoader());
    this.plainReturn = mapping.to(LockAdvice.class, adviceLocator)
        .on(LockAnnotation.lockable().and(ElementMatchers.not(returnsOptional())));
    this.optionalReturn = mapping.to(LockAdvice.class, OptionalReturnExit.class, adviceLocator)
        .on(LockAnnotation.lockable().and(returnsOptional()));
  }

  /** The rewritten class file, or {@code null} to keep the original bytes. Never throws. */
  byte[] weave(ClassLoader loader, String internalName, byte[] classFile) {
    String name = internalName.replace('/', '.');
    try {
      ClassFileLocator locator = new ClassFileLocator.Compound(
          ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
      TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
      if (!matcher.hasLockableMethod(type)) {
        return null;
      }
      byte[] woven = byteBuddy.decorate(type, locator).visit(plainReturn).visit(optionalReturn).make().getBytes();
      log.debug("instrumented " + name);
      return woven;
    } catch (Throwable t) {
      log.error("could not instrument " + name + "; its @DistributedLock methods run without a lock", t);
      return null;
    }
  }

  private static ElementMatcher.Junction<MethodDescription> returnsOptional() {
    return ElementMatchers.returns(ElementMatchers.named("java.util.Optional"));
  }
}
