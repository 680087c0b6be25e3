package io.github.distlock.agent.core.store;

import io.github.distlock.agent.core.base.Ticker;
import io.github.distlock.agent.core.config.HistoryRetention;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.history.RecordedRun;
import io.github.distlock.agent.core.history.RunRecord;
import io.github.distlock.bootstrap.LockRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A store in the test's memory, on the test's clock, for unit tests of the lock side: it passes the same
 * {@link LockStoreContract} as the Redis store. It answers at once; while {@link #goDown() down} it answers nothing,
 * keeps the releases it could not send and sends them, as the Redis store does, before its next answer. It records
 * the runs that releases end, as the Redis store's release script does.
 */
public final class InMemoryLockStore implements LockStore {

  private final Ticker ticker;
  private final Map<String, Entry> keys = new HashMap<>();
  private final Map<String, Long> fences = new HashMap<>();
  private final Map<String, LinkedList<RecordedRun>> runs = new HashMap<>();
  private final HistoryRetention history;
  private final List<Deferred> deferred = new ArrayList<>();
  private long tokens;
  private int attempts;
  private int acquisitions;
  private boolean down;

  public InMemoryLockStore(Ticker ticker) {
    this(ticker, 100);
  }

  /** @param historyRuns how many runs each key's history keeps, as {@code history.runs} */
  public InMemoryLockStore(Ticker ticker, int historyRuns) {
    this.ticker = ticker;
    this.history = new HistoryRetention(historyRuns, Duration.ofDays(7));
  }

  /** From now on every call finds the store unreachable. */
  public synchronized void goDown() {
    down = true;
  }

  /** The store answers again. */
  public synchronized void comeBack() {
    down = false;
  }

  /** How many lock attempts have reached the store so far. */
  public synchronized int attempts() {
    return attempts;
  }

  /** How many acquisitions the store has granted so far. */
  public synchronized int acquisitions() {
    return acquisitions;
  }

  /** The token that holds {@code key} now, or {@code null}. */
  public synchronized String holder(String key) {
    Entry entry = live(key);
    return entry == null ? null : entry.token;
  }

  @Override
  public void start() {}

  @Override
  public synchronized Acquisition tryAcquire(LockRequest request) {
    if (down) {
      return Acquisition.unavailable("the in-memory store is down");
    }
    sendDeferred();
    attempts++;
    if (live(request.key()) != null) {
      return Acquisition.BUSY;
    }
    String token = "memory:" + ++tokens;
    keys.put(request.key(), new Entry(token, ticker.nanoTime() + millis(request.ttlMillis())));
    acquisitions++;
    return Acquisition.acquired(token);
  }

  @Override
  public synchronized CompletionStage<Boolean> release(Release release) {
    if (down) {
      deferred.add(new Deferred(release, ticker.nanoTime() + millis(release.keepForMillis())));
      return failed();
    }
    sendDeferred();
    return CompletableFuture.completedFuture(apply(release));
  }

  @Override
  public void settle(CompletionStage<Boolean> reply) {}

  @Override
  public synchronized CompletionStage<Boolean> renew(LockRequest request, String token,
      BooleanSupplier stillRenewing) {
    if (down) {
      return failed();
    }
    Entry entry = live(request.key());
    if (entry == null || !entry.token.equals(token)) {
      return CompletableFuture.completedFuture(false);
    }
    entry.expiresAtNanos = ticker.nanoTime() + millis(request.ttlMillis());
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized long drawFence(LockRequest request, String token) {
    if (down) {
      return LockRuntime.FENCE_UNAVAILABLE;
    }
    Entry entry = live(request.key());
    if (entry == null || !entry.token.equals(token)) {
      return LockRuntime.FENCE_LOST;
    }
    long next = fences.getOrDefault(request.key(), 0L) + 1;
    fences.put(request.key(), next);
    return next;
  }

  @Override
  public synchronized CompletionStage<KeyHistory> inspect(LockRequest request) {
    if (down) {
      return failed();
    }
    Entry entry = live(request.key());
    List<RecordedRun> recorded = new ArrayList<>(runs.getOrDefault(request.key(), new LinkedList<>()));
    return CompletableFuture.completedFuture(new KeyHistory(request.key(), entry == null ? null : entry.token,
        recorded));
  }

  @Override
  public boolean await(CompletionStage<Boolean> reply) {
    CompletableFuture<Boolean> answer = reply.toCompletableFuture();
    return !answer.isCompletedExceptionally() && answer.getNow(false);
  }

  @Override
  public synchronized boolean isConnected() {
    return !down;
  }

  @Override
  public void shutDown() {}

  @Override
  public void close() {}

  private boolean apply(Release release) {
    Entry entry = live(release.key());
    boolean owned = entry != null && entry.token.equals(release.token());
    record(release, owned);
    if (!owned) {
      return false;
    }
    if (release.keepForMillis() > 0) {
      entry.expiresAtNanos = ticker.nanoTime() + millis(release.keepForMillis());
    } else {
      keys.remove(release.key());
    }
    return true;
  }

  // As the Redis store's release script does: newest first, as lost when the token no longer owned the lock.
  private void record(Release release, boolean owned) {
    RunRecord run = release.run();
    if (run == null || history.isOff()) {
      return;
    }
    LinkedList<RecordedRun> kept = runs.computeIfAbsent(release.key(), key -> new LinkedList<>());
    kept.addFirst(new RecordedRun(release.token(), owned ? run : run.lost()));
    if (kept.size() > history.trimAbove()) {
      while (kept.size() > history.runs()) {
        kept.removeLast();
      }
    }
  }

  // As the Redis store does: what could not be sent goes first, each still owner-checked.
  private void sendDeferred() {
    long now = ticker.nanoTime();
    for (Deferred kept : deferred) {
      long left = kept.release.keepForMillis() == 0 ? 0 : Math.max(0, kept.keepUntilNanos - now);
      apply(kept.release.keepingFor(TimeUnit.NANOSECONDS.toMillis(left)));
    }
    deferred.clear();
  }

  private Entry live(String key) {
    Entry entry = keys.get(key);
    if (entry != null && ticker.nanoTime() - entry.expiresAtNanos >= 0) {
      keys.remove(key);
      return null;
    }
    return entry;
  }

  private static long millis(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static <T> CompletionStage<T> failed() {
    CompletableFuture<T> failed = new CompletableFuture<>();
    failed.completeExceptionally(StoreFailure.unanswered("the in-memory store is down"));
    return failed;
  }

  private static final class Deferred {
    final Release release;
    /** When its {@code lockAtLeastFor} ends: sent later, the release keeps the key only until then. */
    final long keepUntilNanos;

    Deferred(Release release, long keepUntilNanos) {
      this.release = release;
      this.keepUntilNanos = keepUntilNanos;
    }
  }

  private static final class Entry {
    final String token;
    long expiresAtNanos;

    Entry(String token, long expiresAtNanos) {
      this.token = token;
      this.expiresAtNanos = expiresAtNanos;
    }
  }
}
