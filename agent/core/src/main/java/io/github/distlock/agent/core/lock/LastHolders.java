package io.github.distlock.agent.core.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * For {@code failMode=lastHolder}: what this JVM last learned from Redis about each key, and when it last called
 * for it, so that a call Redis cannot answer runs only in the JVM that held the key last.
 *
 * <p>The latest observation of a key is the latest answer Redis gave one of this JVM's lock calls on it: this JVM's
 * own acquisition, or the key held by another owner ("busy"). A busy answer while the key is still this JVM's own
 * (a call of it still running on another thread, or within {@code lockAtLeastFor} of its release) says nothing
 * about other replicas and is not an observation. Releasing a key leaves this JVM its last holder: nobody else has
 * taken it that this JVM has seen.
 *
 * <p>The observation is trusted only while this JVM keeps calling for the key at its pace, the time between its
 * latest answered call and the call before it: a call that comes more than one and a half of that after the
 * previous call, as after a paused JVM or a missed tick, may have missed another replica's acquisition, and gives
 * the claim up until Redis answers again. A JVM that has called for a key only once does not know its pace yet,
 * and makes no claim.
 */
final class LastHolders {

  /** Keys built from arguments are as many as the values passed; beyond this many, new keys make no claim. */
  static final int MAX_KEYS = 10_000;

  private final ConcurrentMap<String, Observation> byKey = new ConcurrentHashMap<>();

  /** A call of this JVM took {@code key} at {@code now}. */
  void acquired(String key, long now) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.answered(now);
      observation.acquired();
    }
  }

  /** This JVM took {@code key} for a call that began while Redis could not answer. */
  void adopted(String key) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.acquired();
    }
  }

  /** A call of this JVM found {@code key} held at {@code now}. */
  void busy(String key, long now) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.busy(now);
    }
  }

  /**
   * This JVM no longer runs a call on its lock of {@code key}, which stays in Redis for {@code keepForNanos}
   * ({@code lockAtLeastFor}, or the ttl of a lock taken through the facade).
   */
  void released(String key, long now, long keepForNanos) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      observation.released(now, keepForNanos);
    }
  }

  /** This JVM's lock of {@code key} expired or was taken over before its release: another owner may have it. */
  void lost(String key) {
    Observation observation = byKey.get(key);
    if (observation != null) {
      observation.lost();
    }
  }

  /**
   * Redis could not answer a call for {@code key} at {@code now}: whether this JVM held the key last. A call that
   * does not run because this JVM already runs one on the key counts as a call all the same.
   */
  boolean heldLast(String key, long now) {
    Observation observation = observation(key);
    return observation != null && observation.unanswered(now);
  }

  /** Notes a call for {@code key} that did not reach Redis. */
  void called(String key, long now) {
    Observation observation = observation(key);
    if (observation != null) {
      observation.called(now);
    }
  }

  private Observation observation(String key) {
    Observation observation = byKey.get(key);
    if (observation != null || byKey.size() >= MAX_KEYS) {
      return observation;
    }
    return byKey.computeIfAbsent(key, k -> new Observation());
  }

  /** One key's record; its monitor guards every field. */
  private static final class Observation {

    private boolean heldLast;
    private boolean calledBefore;
    private long lastCallNanos;
    /** The time from the previous call to the latest one Redis answered: the key's pace; 0 until known. */
    private long paceNanos;
    /** This JVM's calls running on its lock of the key. */
    private int running;
    /** Until when the key, released by this JVM, stays in Redis under {@code lockAtLeastFor}. */
    private long ownUntilNanos;

    synchronized void answered(long now) {
      if (calledBefore) {
        paceNanos = now - lastCallNanos;
      }
      called(now);
    }

    synchronized void acquired() {
      heldLast = true;
      running++;
    }

    synchronized void busy(long now) {
      answered(now);
      if (running == 0 && now - ownUntilNanos >= 0) {
        heldLast = false;
      }
    }

    synchronized void released(long now, long keepForNanos) {
      running = Math.max(0, running - 1);
      ownUntilNanos = now + keepForNanos;
    }

    synchronized void lost() {
      heldLast = false;
    }

    // The pace is not updated here: a late call in an outage must not loosen the bound for the next one.
    synchronized boolean unanswered(long now) {
      long gap = now - lastCallNanos;
      boolean atItsPace = paceNanos > 0 && gap <= paceNanos + paceNanos / 2;
      called(now);
      if (!atItsPace) {
        heldLast = false;
      }
      return heldLast;
    }

    synchronized void called(long now) {
      calledBefore = true;
      lastCallNanos = now;
    }
  }
}
