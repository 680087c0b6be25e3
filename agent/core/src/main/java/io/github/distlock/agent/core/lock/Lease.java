package io.github.distlock.agent.core.lock;

import io.github.distlock.agent.core.redis.LockRequest;

/**
 * A lock held by the current thread for one locked method call, and the calls nested in it on the same key.
 * Only the outermost exit releases it. Its monitor orders renewals against the release: a renewal sent after
 * the release would stretch a lock that {@code lockAtLeastFor} has just shortened back to its whole ttl.
 */
final class Lease {

  final LockSite site;
  /** This call's key: the site's, or the one its arguments made. */
  final LockRequest request;
  final String token;
  final long acquiredAtNanos;
  int depth = 1;
  /** Drawn on the body's first {@code fencingToken()} call; 0 until then. Used by the holding thread only. */
  long fencingToken;
  /** Set when keepAlive found the lock gone; read by the thread that releases. */
  volatile boolean lost;
  LeaseRenewer.Renewal renewal;

  Lease(LockSite site, LockRequest request, String token, long acquiredAtNanos) {
    this.site = site;
    this.request = request;
    this.token = token;
    this.acquiredAtNanos = acquiredAtNanos;
  }

  /** How long the lock must still live to honour {@code lockAtLeastFor}, or 0. */
  long keepForMillis(long nowNanos) {
    long remainingNanos = site.minHoldNanos() - (nowNanos - acquiredAtNanos);
    // Rounded up: expiring a millisecond early would defeat the point of lockAtLeastFor.
    return remainingNanos <= 0 ? 0 : (remainingNanos + 999_999) / 1_000_000;
  }
}
