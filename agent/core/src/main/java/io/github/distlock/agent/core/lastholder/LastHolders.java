package io.github.distlock.agent.core.lastholder;

import io.github.distlock.agent.core.base.Ticker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For {@code failMode=lastHolder}: what this JVM last learned from Redis about each key, and when it last called
 * for it, so that a call Redis cannot answer runs only in the JVM that held the key last.
 *
 * <p>The latest observation of a key is the latest answer Redis gave one of this JVM's lock calls on it: this JVM's
 * own acquisition, or the key held by another owner ("busy"). A busy answer while the key is still this JVM's own
 * (a call of it still running on its lock, or within {@code lockAtLeastFor} of its release) says nothing about
 * other replicas and is not an observation. Releasing a key leaves this JVM its last holder: nobody else has taken
 * it that this JVM has seen; a lock found expired or taken over at its release does not.
 *
 * <p>The observation is trusted only while this JVM keeps calling for the key at its pace, the time between its
 * latest answered call and the call before it: a call that comes more than one and a half of that after the
 * previous call (plus however long the previous call waited for Redis, which holds back a sequential scheduler),
 * as after a paused JVM or a missed tick, may have missed another replica's acquisition, and gives the claim up
 * until this JVM acquires the key again. A JVM that has called for a key only once does not know its pace yet, and
 * makes no claim.
 */
public final class LastHolders {

  /**
   * Keys built from arguments are as many as the values passed: beyond this many, keys that can make no claim any
   * more are forgotten (at most once a second), and a new key makes no claim while none can be.
   */
  static final int MAX_KEYS = 10_000;

  private static final long PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Calls closer together than this are one tick, made from several threads: they set no pace. */
  static final long SAME_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ConcurrentMap<String, Observation> byKey = new ConcurrentHashMap<>();
  private final Object[] monitors = new Object[64];
  private final Ticker ticker;
  private final AtomicLong nextPruneNanos;

  public LastHolders(Ticker ticker) {
    this.ticker = ticker;
    this.nextPruneNanos = new AtomicLong(ticker.nanoTime());
    for (int i = 0; i < monitors.length; i++) {
      monitors[i] = new Object();
    }
  }

  /**
   * The monitor that orders what this JVM's calls decide about {@code key}: the same object for the key for as long
   * as the JVM runs (keys share a few), whether its observation is recorded yet or not. A lease's monitor may be
   * taken inside it, never the other way round (see {@code Lease}); an observation's own monitor is the innermost,
   * taken for a moment inside either.
   */
  Object monitor(String key) {
    return monitors[(key.hashCode() & Integer.MAX_VALUE) % monitors.length];
  }

  /**
   * A call made at {@code calledAt} and answered at {@code answeredAt} took {@code key}; a call running on the
   * lock until {@link #released}.
   */
  void acquired(String key, long calledAt, long answeredAt) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.answered(calledAt, answeredAt);
      observation.adopted();
    }
  }

  /**
   * A call took {@code key} and handed the lock to a call of this JVM that began while Redis could not answer;
   * that call {@link #adopted} it.
   */
  void answered(String key, long calledAt, long answeredAt) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.answered(calledAt, answeredAt);
    }
  }

  /** A call that began without a lock took {@code key}; it runs on the lock until {@link #released}. */
  void adopted(String key) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.adopted();
    }
  }

  /** A call made at {@code calledAt} found {@code key} held. */
  void busy(String key, long calledAt, long answeredAt) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.busy(calledAt, answeredAt);
    }
  }

  /**
   * A call running on this JVM's lock of {@code key} has ended; the key stays in Redis for {@code keepForNanos}
   * ({@code lockAtLeastFor}).
   */
  void released(String key, long now, long keepForNanos) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      observation.released(now, keepForNanos);
    }
  }

  /** The facade took {@code key} for the JVM, not for a call: it is this JVM's own for {@code ttlNanos}. */
  void acquiredFor(String key, long calledAt, long answeredAt, long ttlNanos) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.acquiredFor(calledAt, answeredAt, ttlNanos);
    }
  }

  /** The facade released {@code key} at {@code now}. */
  void releasedByFacade(String key, long now) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      observation.releasedByFacade(now);
    }
  }

  /** This JVM's lock of {@code key} expired or was taken over: another owner may have it. */
  void lost(String key) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      observation.lost();
    }
  }

  /**
   * Redis could not answer a call for {@code key} made at {@code calledAt}, which gave up at {@code now}: whether
   * this JVM held the key last. Every call that did not reach Redis counts, run or not.
   */
  boolean heldLast(String key, long calledAt, long now) {
    Observation observation = observation(key);
    return observation != null && observation.unanswered(calledAt, now);
  }

  /**
   * Whether {@code key} is this JVM's own in Redis at {@code at}: a call runs on its lock, or the key stays after
   * its release ({@code lockAtLeastFor}, or a facade lock's ttl).
   */
  boolean isOwn(String key, long at) {
    Observation observation = byKey.get(key);
    return observation != null && observation.isOwn(at);
  }

  private Observation observation(String key) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      return observation;
    }
    if (byKey.size() >= MAX_KEYS) {
      long now = ticker.nanoTime();
      long due = nextPruneNanos.get();
      if (now - due >= 0 && nextPruneNanos.compareAndSet(due, now + PRUNE_EVERY_NANOS)) {
        byKey.values().removeIf(entry -> entry.isForgettable(now));
      }
      if (byKey.size() >= MAX_KEYS) {
        return null;
      }
    }
    return byKey.computeIfAbsent(key, k -> new Observation(ticker.nanoTime()));
  }

  /** One key's record; its monitor guards every field. */
  private static final class Observation {

    private boolean heldLast;
    private boolean calledBefore;
    private long lastCallNanos;
    /** How long the latest call waited for Redis, answered or not: it held back a sequential scheduler. */
    private long lastWaitNanos;
    /** The time from the previous call to the latest one Redis answered: the key's pace; 0 until known. */
    private long paceNanos;
    /** This JVM's calls running on its lock of the key. */
    private int running;
    /** Until when the key, released by this JVM, stays in Redis as its own; nanoTime may be negative. */
    private long ownUntilNanos;

    Observation(long now) {
      this.ownUntilNanos = now;
    }

    synchronized void adopted() {
      heldLast = true;
      running++;
    }

    synchronized void acquiredFor(long calledAt, long answeredAt, long ttlNanos) {
      answered(calledAt, answeredAt);
      heldLast = true;
      ownUntilNanos = calledAt + ttlNanos;
    }

    synchronized void answered(long calledAt, long answeredAt) {
      if (calledBefore && calledAt - lastCallNanos >= SAME_TICK_NANOS) {
        paceNanos = calledAt - lastCallNanos;
      }
      called(calledAt, answeredAt - calledAt);
    }

    synchronized void busy(long calledAt, long answeredAt) {
      answered(calledAt, answeredAt);
      if (running == 0 && calledAt - ownUntilNanos >= 0) {
        heldLast = false;
      }
    }

    synchronized void released(long now, long keepForNanos) {
      if (running > 0) {
        running--;
      }
      ownUntilNanos = now + keepForNanos;
    }

    synchronized void releasedByFacade(long now) {
      ownUntilNanos = now;
    }

    synchronized void lost() {
      heldLast = false;
    }

    synchronized boolean isOwn(long at) {
      return running > 0 || at - ownUntilNanos < 0;
    }

    synchronized boolean isForgettable(long now) {
      boolean claimLapsed = !heldLast || paceNanos == 0 || now - lastCallNanos > bound();
      return claimLapsed && !isOwn(now);
    }

    private long bound() {
      return paceNanos + paceNanos / 2 + lastWaitNanos;
    }

    // The pace is not updated here: a late call in an outage must not loosen the bound for the next one.
    synchronized boolean unanswered(long calledAt, long now) {
      long gap = calledAt - lastCallNanos;
      boolean atItsPace = paceNanos > 0 && gap <= bound();
      called(calledAt, now - calledAt);
      if (!atItsPace) {
        heldLast = false;
      }
      return heldLast;
    }

    private void called(long calledAt, long waitedNanos) {
      // Concurrent calls report in the order they end: the record keeps the latest start.
      if (!calledBefore || calledAt - lastCallNanos > 0) {
        lastCallNanos = calledAt;
        lastWaitNanos = waitedNanos;
      }
      calledBefore = true;
    }
  }
}
