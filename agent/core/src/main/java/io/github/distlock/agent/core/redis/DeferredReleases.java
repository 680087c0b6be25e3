package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.store.Release;
import io.github.distlock.agent.core.store.StoreFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Releases that did not reach Redis, kept until it answers again: a release sent while the connection was down, and
 * the compensating delete of a {@code SET} whose reply was lost with the connection (Redis may have executed it).
 * Left alone, either would hold the key for its whole ttl and stop every replica, this one included, from running
 * the job. Each is owner-checked, so sending it late can never touch a successor's lock; once the key must have
 * expired anyway, it is dropped.
 */
final class DeferredReleases {

  private final List<Entry> entries = new ArrayList<>();

  /**
   * Keeps {@code release} for later.
   *
   * @param keepUntilNanos when {@code lockAtLeastFor} ends (a later release shortens the key to it rather than
   *     deleting it), or 0
   */
  synchronized void add(Release release, long keepUntilNanos) {
    long expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(release.request().ttlMillis());
    entries.add(new Entry(release, keepUntilNanos, expiresAt));
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Sends every kept release that may still matter through {@code send}; one whose reply is a failure is kept
   * again, with its original expiry.
   */
  synchronized void resend(Sender send) {
    if (entries.isEmpty()) {
      return;
    }
    // Sent while holding the monitor (sending only queues the command): a caller that checks isEmpty() meanwhile
    // waits, so its SET reaches Redis after these releases, never before.
    List<Entry> due = new ArrayList<>(entries);
    entries.clear();
    long now = System.nanoTime();
    for (Entry entry : due) {
      if (now - entry.expiresAtNanos < 0) {
        long keepFor = entry.keepUntilNanos == 0 ? 0 : millisUntil(entry.keepUntilNanos, now);
        send.send(entry.release.keepingFor(keepFor)).whenComplete((reply, failure) -> {
          if (failure != null && !StoreFailure.isRefusal(failure)) {
            keep(entry);
          }
        });
      }
    }
  }

  private synchronized void keep(Entry entry) {
    entries.add(entry);
  }

  private static long millisUntil(long deadlineNanos, long now) {
    long left = deadlineNanos - now;
    return left <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(left) + 1;
  }

  /** Sends one release and returns its reply to come; see {@link #resend}. */
  interface Sender {
    CompletionStage<Boolean> send(Release release);
  }

  private static final class Entry {
    final Release release;
    final long keepUntilNanos;
    final long expiresAtNanos;

    Entry(Release release, long keepUntilNanos, long expiresAtNanos) {
      this.release = release;
      this.keepUntilNanos = keepUntilNanos;
      this.expiresAtNanos = expiresAtNanos;
    }
  }
}
