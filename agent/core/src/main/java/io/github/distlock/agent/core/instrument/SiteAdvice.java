package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.FailMode;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Chooses the advice for one lock site, by whether the site's class loader links the bridge, the site's fail mode
 * and what the method returns ({@link ReturnKind}), and inlines the site's id into it as a constant.
 */
final class SiteAdvice {

  // Read once: an advice is parsed for every site, and the agent's class loader would read its jar again each time.
  private final ClassFileLocator adviceClasses = new ClassFileLocator.Simple(ClassFileLocator.ForClassLoader
      .readToNames(LockAdvice.FailOpenEnter.class, LockAdvice.FailClosedEnter.class,
          LockAdvice.FailOpenTemplateEnter.class, LockAdvice.FailClosedTemplateEnter.class, LockAdvice.Exit.class,
          LockAdvice.FailOpenOptionalExit.class, LockAdvice.FailClosedOptionalExit.class,
          LockAdvice.FailOpenStageExit.class, LockAdvice.FailClosedStageExit.class, LockAdvice.OwnStageExit.class,
          SkipAdvice.Enter.class, SkipAdvice.OptionalExit.class, SkipAdvice.StageExit.class));

  /**
   * The advice for a method returning {@code kind}, or {@code null} when the method is to stay as it is.
   *
   * @param templated whether the lock key is built from the call's arguments, which the advice then passes on
   */
  Advice forSite(ReturnKind kind, boolean templated, int siteId, FailMode failMode, BridgeLink link) {
    if (kind == ReturnKind.SUSPEND) {
      return null;
    }
    if (link != BridgeLink.LINKED) {
      // No lock can be taken: follow the fail mode without calling the bridge on every call.
      if (failMode == FailMode.OPEN) {
        return null;
      }
      switch (kind) {
        case OPTIONAL:
          return Advice.to(SkipAdvice.Enter.class, SkipAdvice.OptionalExit.class, adviceClasses);
        case STAGE:
          return Advice.to(SkipAdvice.Enter.class, SkipAdvice.StageExit.class, adviceClasses);
        default:
          return Advice.to(SkipAdvice.Enter.class, adviceClasses);
      }
    }
    boolean open = failMode == FailMode.OPEN;
    Class<?> enter;
    if (templated) {
      enter = open ? LockAdvice.FailOpenTemplateEnter.class : LockAdvice.FailClosedTemplateEnter.class;
    } else {
      enter = open ? LockAdvice.FailOpenEnter.class : LockAdvice.FailClosedEnter.class;
    }
    Class<?> exit;
    switch (kind) {
      case OPTIONAL:
        exit = open ? LockAdvice.FailOpenOptionalExit.class : LockAdvice.FailClosedOptionalExit.class;
        break;
      case STAGE:
        exit = open ? LockAdvice.FailOpenStageExit.class : LockAdvice.FailClosedStageExit.class;
        break;
      case OWN_STAGE:
        exit = LockAdvice.OwnStageExit.class;
        break;
      default:
        exit = LockAdvice.Exit.class;
    }
    return Advice.withCustomMapping().bind(LockSiteId.class, siteId).to(enter, exit, adviceClasses);
  }
}
