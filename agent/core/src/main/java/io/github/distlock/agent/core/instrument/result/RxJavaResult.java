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
 * RxJava 3's {@code Flowable}, {@code Observable}, {@code Maybe} and {@code Completable}, locked per subscription
 * ({@link SubscriptionResult}) as {@link ReactorResult} is for Reactor. ({@code Single} cannot complete empty, so
 * it is {@link UnfollowedResult}.)
 *
 * <p>RxJava's {@code using} takes RxJava's own functional interfaces, which the bridge cannot name: the bridge's
 * {@link SubscriptionLock} implements them as a JDK proxy of the interfaces given here, resolved in the
 * application's class loader. RxJava is not in the agent: the advice is described from its class files, and its
 * signatures name no RxJava type.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class RxJavaResult {

  private static final String PACKAGE = "io.reactivex.rxjava3.core.";

  static final ResultKind FLOWABLE =
      SubscriptionResult.describedOf(PACKAGE + "Flowable", FlowableExit.class, SkippedFlowableExit.class);
  static final ResultKind OBSERVABLE =
      SubscriptionResult.describedOf(PACKAGE + "Observable", ObservableExit.class, SkippedObservableExit.class);
  static final ResultKind MAYBE =
      SubscriptionResult.describedOf(PACKAGE + "Maybe", MaybeExit.class, SkippedMaybeExit.class);
  /** A skipped subscription completes. */
  static final ResultKind COMPLETABLE =
      SubscriptionResult.describedOf(PACKAGE + "Completable", CompletableExit.class, SkippedCompletableExit.class);

  private RxJavaResult() {}

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
