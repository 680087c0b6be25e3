package io.github.distlock.agent.core.instrument;

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
 * Inlined into locked methods that return an RxJava 3 {@code Flowable}, {@code Observable}, {@code Maybe} or
 * {@code Completable}, as {@link ReactiveAdvice} is for Reactor: each subscription holds the lock from subscribe
 * until it terminates or is disposed, and one that finds the lock busy completes empty.
 *
 * <p>RxJava's {@code using} takes RxJava's own functional interfaces, which the bridge cannot name: the bridge's
 * {@link SubscriptionLock} implements them as a JDK proxy of the interfaces given here, resolved in the
 * application's class loader. ({@code Single} cannot complete empty, so it is not followed.) The advice's
 * signatures name no RxJava type: Byte Buddy reads them in the agent, where RxJava is absent.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class RxJavaAdvice {

  private RxJavaAdvice() {}

  /** For methods declared to return {@code Flowable}. */
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

  /** For methods declared to return {@code Observable}. */
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

  /** For methods declared to return {@code Maybe}. */
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

  /** For methods declared to return {@code Completable}. */
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
}
