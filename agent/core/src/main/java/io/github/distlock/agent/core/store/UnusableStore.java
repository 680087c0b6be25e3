package io.github.distlock.agent.core.store;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.bootstrap.LockRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The store when the configuration names no usable Redis: every lock call meets the fail mode at once. Unlike an
 * outage, which is logged once, this is repeated as an error every minute while locked methods are called, so that
 * a configuration mistake cannot quietly turn locking off across a fleet.
 */
public final class UnusableStore implements LockStore {

  private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String reason;
  private final Supplier<String> consequence;
  private final AgentLog log;
  private final AtomicLong unlockedCalls = new AtomicLong();
  private final AtomicLong nextReportNanos = new AtomicLong(System.nanoTime());

  /**
   * @param reason why the configuration cannot be used, secret-free
   * @param consequence what locked methods do meanwhile
   */
  public UnusableStore(String reason, Supplier<String> consequence, AgentLog log) {
    this.reason = reason;
    this.consequence = consequence;
    this.log = log;
  }

  @Override
  public void start() {}

  @Override
  public Acquisition tryAcquire(LockRequest request) {
    long calls = unlockedCalls.incrementAndGet();
    long now = System.nanoTime();
    long due = nextReportNanos.get();
    if (now - due >= 0 && nextReportNanos.compareAndSet(due, now + REPEAT_NANOS)) {
      unlockedCalls.addAndGet(-calls);
      log.error("distlock is not locking: " + reason + "; " + consequence.get() + " (" + calls
          + " lock calls since the last report; repeated every minute while locked methods are called)");
    }
    return Acquisition.unconfigured(reason);
  }

  @Override
  public CompletionStage<Boolean> release(Release release) {
    return failed();
  }

  @Override
  public void settle(CompletionStage<Boolean> reply) {}

  @Override
  public CompletionStage<Boolean> renew(LockRequest request, String token, BooleanSupplier stillRenewing) {
    return failed();
  }

  @Override
  public long drawFence(LockRequest request, String token) {
    return LockRuntime.FENCE_UNAVAILABLE;
  }

  @Override
  public CompletionStage<KeyHistory> inspect(LockRequest request) {
    return failed();
  }

  @Override
  public boolean await(CompletionStage<Boolean> reply) {
    return false;
  }

  @Override
  public boolean isConnected() {
    return false;
  }

  @Override
  public void shutDown() {}

  @Override
  public void close() {}

  private <T> CompletionStage<T> failed() {
    CompletableFuture<T> failed = new CompletableFuture<>();
    failed.completeExceptionally(StoreFailure.refused(reason));
    return failed;
  }
}
