package io.github.distlock.agent.core.redis;

/** The answer to one lock attempt: acquired with its owner token, held by someone else, or Redis unavailable. */
public final class Acquisition {

  /** What happened. */
  public enum Status {
    ACQUIRED,
    BUSY,
    UNAVAILABLE,
    /** No usable Redis is configured: not an outage, and reported as a configuration error instead. */
    UNCONFIGURED
  }

  static final Acquisition BUSY = new Acquisition(Status.BUSY, null, null);

  private final Status status;
  private final String token;
  private final String failure;

  private Acquisition(Status status, String token, String failure) {
    this.status = status;
    this.token = token;
    this.failure = failure;
  }

  static Acquisition acquired(String token) {
    return new Acquisition(Status.ACQUIRED, token, null);
  }

  public static Acquisition unavailable(String failure) {
    return new Acquisition(Status.UNAVAILABLE, null, failure);
  }

  static Acquisition unconfigured(String reason) {
    return new Acquisition(Status.UNCONFIGURED, null, reason);
  }

  public Status status() {
    return status;
  }

  /** The owner token when acquired. */
  public String token() {
    return token;
  }

  /** Why Redis could not answer, when unavailable or unconfigured. */
  public String failure() {
    return failure;
  }
}
