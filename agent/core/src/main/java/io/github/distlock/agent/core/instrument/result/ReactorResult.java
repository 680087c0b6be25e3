package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.SubscriptionLock;
import net.bytebuddy.asm.Advice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactor's {@code Mono} and {@code Flux}, locked per subscription ({@link SubscriptionResult}): the returned
 * publisher is wrapped so that each subscription takes the lock when it starts and releases it when it ends. The
 * method's own body, which assembles the publisher, runs at the call, unlocked.
 *
 * <p>Reactor is the application's: the advice runs in the application's class, against its Reactor, and is never
 * loaded by the agent. It passes the bridge's {@link SubscriptionLock} to Reactor's {@code using}, whose functional
 * parameters are JDK types, so the bridge needs no Reactor type either.
 */
final class ReactorResult {

  static final ResultKind MONO =
      SubscriptionResult.of("reactor.core.publisher.Mono", MonoExit.class, SkippedMonoExit.class);
  static final ResultKind FLUX =
      SubscriptionResult.of("reactor.core.publisher.Flux", FluxExit.class, SkippedFluxExit.class);

  private ReactorResult() {}

  /** Wraps the returned {@code Mono}. */
  static final class MonoExit {

    private MonoExit() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false) Mono returned) {
      if (returned != null) {
        SubscriptionLock lock = new SubscriptionLock(siteId, args, returned, Mono.empty());
        returned = Mono.using(lock, (java.util.function.Function) lock, lock);
      }
    }
  }

  /** Wraps the returned {@code Flux}. */
  static final class FluxExit {

    private FluxExit() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @LockSiteId int siteId,
        @Advice.AllArguments Object[] args,
        @Advice.Return(readOnly = false) Flux returned) {
      if (returned != null) {
        SubscriptionLock lock = new SubscriptionLock(siteId, args, returned, Flux.empty());
        returned = Flux.using(lock, (java.util.function.Function) lock, lock);
      }
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: an empty {@code Mono}. */
  static final class SkippedMonoExit {

    private SkippedMonoExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Mono<?> returned) {
      returned = Mono.empty();
    }
  }

  /** Exit after {@link SkipAdvice.Enter}: an empty {@code Flux}. */
  static final class SkippedFluxExit {

    private SkippedFluxExit() {}

    @Advice.OnMethodExit
    static void exit(@Advice.Return(readOnly = false) Flux<?> returned) {
      returned = Flux.empty();
    }
  }
}
