package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.FailMode;
import java.util.Optional;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Chooses the advice for one lock site, by whether the site's class loader links the bridge, the site's fail mode
 * and whether the method returns {@code Optional}, and inlines the site's id into it as a constant.
 */
final class SiteAdvice {

  // Read once: an advice is parsed for every site, and the agent's class loader would read its jar again each time.
  private final ClassFileLocator adviceClasses = new ClassFileLocator.Simple(ClassFileLocator.ForClassLoader
      .readToNames(LockAdvice.FailOpenEnter.class, LockAdvice.FailClosedEnter.class, LockAdvice.Exit.class,
          LockAdvice.FailOpenOptionalExit.class, LockAdvice.FailClosedOptionalExit.class, SkipAdvice.Enter.class,
          SkipAdvice.OptionalExit.class));

  /** The advice for {@code method}, or {@code null} when the method is to stay as it is. */
  Advice forSite(MethodDescription method, int siteId, FailMode failMode, BridgeLink link) {
    boolean optional = method.getReturnType().asErasure().represents(Optional.class);
    if (link != BridgeLink.LINKED) {
      // No lock can be taken: follow the fail mode without calling the bridge on every call.
      if (failMode == FailMode.OPEN) {
        return null;
      }
      return optional
          ? Advice.to(SkipAdvice.Enter.class, SkipAdvice.OptionalExit.class, adviceClasses)
          : Advice.to(SkipAdvice.Enter.class, adviceClasses);
    }
    Class<?> enter = failMode == FailMode.OPEN ? LockAdvice.FailOpenEnter.class : LockAdvice.FailClosedEnter.class;
    Class<?> exit;
    if (!optional) {
      exit = LockAdvice.Exit.class;
    } else if (failMode == FailMode.OPEN) {
      exit = LockAdvice.FailOpenOptionalExit.class;
    } else {
      exit = LockAdvice.FailClosedOptionalExit.class;
    }
    return Advice.withCustomMapping().bind(LockSiteId.class, siteId).to(enter, exit, adviceClasses);
  }
}
