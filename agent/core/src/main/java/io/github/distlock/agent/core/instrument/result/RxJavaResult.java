package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.SubscriptionLock;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.functions.Supplier;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * RxJava 3's {@code Flowable}, {@code Observable}, {@code Maybe} and {@code Completable}, locked per subscription as
 * {@link ReactorResult} does for Reactor: each subscription holds the lock from subscribe until it terminates or is
 * disposed, and one that finds the lock busy completes empty. ({@code Single} cannot complete empty, so it is
 * {@link UnfollowedResult}.)
 *
 * <p>RxJava's {@code using} takes RxJava's own functional interfaces, which the bridge cannot name: the bridge's
 * {@link SubscriptionLock} implements them as a JDK proxy of the interfaces given here, resolved in the
 * application's class loader. RxJava is not in the agent: the advice is described from its class files, and its
 * signatures name no RxJava type.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
enum RxJavaResult implements ResultKind {
  FLOWABLE("Flowable", FlowableExit.class, SkippedFlowableExit.class),
  OBSERVABLE("Observable", ObservableExit.class, SkippedObservableExit.class),
  MAYBE("Maybe", MaybeExit.class, SkippedMaybeExit.class),
  /** A skipped subscription completes. */
  COMPLETABLE("Completable", CompletableExit.class, SkippedCompletableExit.class);

  private static final String PACKAGE = "io.reactivex.rxjava3.core.";

  private final String type;
  private final Class<?> exit;
  private final Class<?> skippedExit;

  RxJavaResult(String simpleName, Class<?> exit, Class<?> skippedExit) {
    this.type = PACKAGE + simpleName;
    this.exit = exit;
    this.skippedExit = skippedExit;
  }

  @Override
  public boolean supports(ReturnType returned) {
    return returned.name().equals(type);
  }

  @Override
  public String lockHeld() {
    return "per subscription, until it ends";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.lockingOnExitDescribed(site, exit);
  }

  @Override
  public Advice skipping(AdviceClasses advice) {
    return advice.toDescribed(SkipAdvice.Enter.class, skippedExit);
  }

  /** Wraps the returned {@code Flowable}. */
  static final class FlowableExit {

    private FlowableExit() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (returned != null) {
        Object lock = new SubscriptionLock(siteId, args, returned, Flowable.empty())
            .as(Supplier.class, Function.class, Consumer.class);
        returned = Flowable.using((Supplier) lock, (Function) lock, (Consumer) lock);
      }
    }
  }

  /** Wraps the returned {@code Observable}. */
  static final class ObservableExit {

    private ObservableExit() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (returned != null) {
        Object lock = new SubscriptionLock(siteId, args, returned, Observable.empty())
            .as(Supplier.class, Function.class, Consumer.class);
        returned = Observable.using((Supplier) lock, (Function) lock, (Consumer) lock);
      }
    }
  }

  /** Wraps the returned {@code Maybe}. */
  static final class MaybeExit {

    private MaybeExit() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (returned != null) {
        Object lock = new SubscriptionLock(siteId, args, returned, Maybe.empty())
            .as(Supplier.class, Function.class, Consumer.class);
        returned = Maybe.using((Supplier) lock, (Function) lock, (Consumer) lock);
      }
    }
  }

  /** Wraps the returned {@code Completable}. */
  static final class CompletableExit {

    private CompletableExit() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (returned != null) {
        Object lock = new SubscriptionLock(siteId, args, returned, Completable.complete())
            .as(Supplier.class, Function.class, Consumer.class);
        returned = Completable.using((Supplier) lock, (Function) lock, (Consumer) lock);
      }
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: an empty {@code Flowable}. */
  static final class SkippedFlowableExit {

    private SkippedFlowableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Flowable.empty();
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: an empty {@code Observable}. */
  static final class SkippedObservableExit {

    private SkippedObservableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Observable.empty();
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: an empty {@code Maybe}. */
  static final class SkippedMaybeExit {

    private SkippedMaybeExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Maybe.empty();
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: a completed {@code Completable}. */
  static final class SkippedCompletableExit {

    private SkippedCompletableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Completable.complete();
    }
  }
}
