package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.FailMode;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

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
          ReactiveAdvice.MonoExit.class, ReactiveAdvice.FluxExit.class, RxJavaAdvice.FlowableExit.class,
          RxJavaAdvice.ObservableExit.class, RxJavaAdvice.MaybeExit.class, RxJavaAdvice.CompletableExit.class,
          SuspendAdvice.FailOpenEnter.class,
          SuspendAdvice.FailClosedEnter.class, SuspendAdvice.Exit.class, SkipAdvice.Enter.class,
          SkipAdvice.OptionalExit.class, SkipAdvice.StageExit.class, SkipAdvice.MonoExit.class,
          SkipAdvice.FluxExit.class, SkipAdvice.FlowableExit.class, SkipAdvice.ObservableExit.class,
          SkipAdvice.MaybeExit.class, SkipAdvice.CompletableExit.class));
  // RxJava is not in the agent: advice naming its types is described from its class file, never reflected on;
  // the agent's own loader supplies the class files of Byte Buddy's annotations on it.
  private final TypePool adviceTypes = TypePool.Default.of(new ClassFileLocator.Compound(adviceClasses,
      ClassFileLocator.ForClassLoader.of(SiteAdvice.class.getClassLoader())));

  /**
   * The advice for a method returning {@code kind}, or {@code null} when the method is to stay as it is.
   *
   * @param templated whether the lock key is built from the call's arguments, which the advice then passes on
   * @param suspendResultType for a Kotlin {@code suspend} function, the result type it declares, or empty
   */
  Advice forSite(ReturnKind kind, boolean templated, String suspendResultType, int siteId, FailMode failMode,
      BridgeLink link) {
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
        case MONO:
          return Advice.to(SkipAdvice.Enter.class, SkipAdvice.MonoExit.class, adviceClasses);
        case FLUX:
          return Advice.to(SkipAdvice.Enter.class, SkipAdvice.FluxExit.class, adviceClasses);
        case FLOWABLE:
          return skipping(SkipAdvice.FlowableExit.class);
        case OBSERVABLE:
          return skipping(SkipAdvice.ObservableExit.class);
        case MAYBE:
          return skipping(SkipAdvice.MaybeExit.class);
        case COMPLETABLE:
          return skipping(SkipAdvice.CompletableExit.class);
        default:
          return Advice.to(SkipAdvice.Enter.class, adviceClasses);
      }
    }
    Advice.WithCustomMapping constants = Advice.withCustomMapping().bind(LockSiteId.class, siteId);
    boolean open = failMode == FailMode.OPEN;
    switch (kind) {
      case MONO:
        return constants.to(ReactiveAdvice.MonoExit.class, adviceClasses);
      case FLUX:
        return constants.to(ReactiveAdvice.FluxExit.class, adviceClasses);
      case FLOWABLE:
        return constants.to(described(RxJavaAdvice.FlowableExit.class), adviceClasses);
      case OBSERVABLE:
        return constants.to(described(RxJavaAdvice.ObservableExit.class), adviceClasses);
      case MAYBE:
        return constants.to(described(RxJavaAdvice.MaybeExit.class), adviceClasses);
      case COMPLETABLE:
        return constants.to(described(RxJavaAdvice.CompletableExit.class), adviceClasses);
      case SUSPEND:
        return constants.bind(SuspendResultType.class, suspendResultType).to(
            open ? SuspendAdvice.FailOpenEnter.class : SuspendAdvice.FailClosedEnter.class, SuspendAdvice.Exit.class,
            adviceClasses);
      default:
        break;
    }
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
    return constants.to(enter, exit, adviceClasses);
  }

  /** {@link SkipAdvice.Enter} with an exit that names a type the agent does not have. */
  private Advice skipping(Class<?> exit) {
    return Advice.to(described(SkipAdvice.Enter.class), described(exit), adviceClasses);
  }

  private TypeDescription described(Class<?> advice) {
    return adviceTypes.describe(advice.getName()).resolve();
  }
}
