package io.github.distlock.agent.core.redis;

/**
 * The answer to one lock attempt: acquired with its owner and fencing tokens, held by someone else, or Redis
 * unavailable.
 */
public final class Acquisition {

  /** What happened. */
  public enum Status {
    ACQUIRED,
    BUSY,
    UNAVAILABLE
  }

  static final Acquisition BUSY = new Acquisition(Status.BUSY, null, 0, null);

  private final Status status;
  private final String token;
  private final long fencingToken;
  private final String failure;

  private Acquisition(Status status, String token, long fencingToken, String failure) {
    this.status = status;
    this.token = token;
    this.fencingToken = fencingToken;
    this.failure = failure;
  }

  static Acquisition acquired(String token, long fencingToken) {
    return new Acquisition(Status.ACQUIRED, token, fencingToken, null);
  }

  public static Acquisition unavailable(String failure) {
    return new Acquisition(Status.UNAVAILABLE, null, 0, failure);
  }

  public Status status() {
    return status;
  }

  /** The owner token when acquired. */
  public String token() {
    return token;
  }

  /** The fencing token when acquired: strictly increasing per key. */
  public long fencingToken() {
    return fencingToken;
  }

  /** Why Redis could not answer, when unavailable. */
  public String failure() {
    return failure;
  }
}
