package io.github.distlock.agent.core.instrument;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Inlined with {@code failMode=closed} into a lock site whose class loader does not link the agent's bridge: no
 * lock can ever be taken there, so every call is skipped without trying. It references JDK types only, and the
 * reactive types of methods that return them, which the application's class then resolves against its own.
 */
final class SkipAdvice {

  private SkipAdvice() {}

  /** Skips the body; the method returns its type's default value. */
  static final class Enter {

    private Enter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class)
    static boolean enter() {
      return false;
    }
  }

  /** For methods returning {@link Optional}: the skipped call returns empty rather than {@code null}. */
  static final class OptionalExit {

    private OptionalExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Optional<?> returned) {
      returned = Optional.empty();
    }
  }

  /**
   * For methods declared to return {@code CompletionStage} or {@code CompletableFuture}: the skipped call returns
   * a future completed with {@code null}.
   */
  static final class StageExit {

    private StageExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = CompletableFuture.completedFuture(null);
    }
  }

  /** For methods declared to return a Reactor {@code Mono}: the skipped call returns an empty one. */
  static final class MonoExit {

    private MonoExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Mono<?> returned) {
      returned = Mono.empty();
    }
  }

  /** For methods declared to return a Reactor {@code Flux}: the skipped call returns an empty one. */
  static final class FluxExit {

    private FluxExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Flux<?> returned) {
      returned = Flux.empty();
    }
  }

  /** For methods declared to return an RxJava {@code Flowable}: the skipped call returns an empty one. */
  static final class FlowableExit {

    private FlowableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Flowable.empty();
    }
  }

  /** For methods declared to return an RxJava {@code Observable}: the skipped call returns an empty one. */
  static final class ObservableExit {

    private ObservableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Observable.empty();
    }
  }

  /** For methods declared to return an RxJava {@code Maybe}: the skipped call returns an empty one. */
  static final class MaybeExit {

    private MaybeExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Maybe.empty();
    }
  }

  /** For methods declared to return an RxJava {@code Completable}: the skipped call returns a completed one. */
  static final class CompletableExit {

    private CompletableExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      returned = Completable.complete();
    }
  }
}
