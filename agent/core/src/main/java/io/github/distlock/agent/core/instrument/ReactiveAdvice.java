package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.SubscriptionLock;
import net.bytebuddy.asm.Advice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Inlined into locked methods that return a Reactor {@code Mono} or {@code Flux}: the returned publisher is wrapped
 * so that each subscription takes the lock when it starts and releases it when it completes, fails or is cancelled;
 * a subscription that finds the lock busy completes empty. The method's own body, which assembles the publisher,
 * runs at the call, unlocked.
 *
 * <p>Reactor is the application's: this code runs in the application's class, against its Reactor, and is never
 * loaded by the agent. It passes the bridge's {@link SubscriptionLock} to Reactor's {@code using}, whose functional
 * parameters are JDK types, so the bridge needs no Reactor type either.
 */
final class ReactiveAdvice {

  private ReactiveAdvice() {}

  /** For methods declared to return {@code Mono}. */
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

  /** For methods declared to return {@code Flux}. */
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
}
