package io.github.distlock.agent.core.store;

/** The answer to one lock attempt: acquired with its owner token, held by someone else, or the store unavailable. */
public final class Acquisition {

  /** What happened. */
  public enum Status {
    ACQUIRED,
    BUSY,
    UNAVAILABLE,
    /** No usable store is configured: not an outage, and reported as a configuration error instead. */
    UNCONFIGURED
  }

  /** Another owner holds the key. */
  public static final Acquisition BUSY = new Acquisition(Status.BUSY, null, null);

  private final Status status;
  private final String token;
  private final String failure;

  private Acquisition(Status status, String token, String failure) {
    this.status = status;
    this.token = token;
    this.failure = failure;
  }

  /** The key is the caller's, owned by {@code token}, which every later call on this lock must present. */
  public static Acquisition acquired(String token) {
    return new Acquisition(Status.ACQUIRED, token, null);
  }

  /** @param failure why the store could not answer, secret-free */
  public static Acquisition unavailable(String failure) {
    return new Acquisition(Status.UNAVAILABLE, null, failure);
  }

  /** @param reason why no usable store is configured, secret-free */
  public static Acquisition unconfigured(String reason) {
    return new Acquisition(Status.UNCONFIGURED, null, reason);
  }

  public Status status() {
    return status;
  }

  /** The owner token when acquired. */
  public String token() {
    return token;
  }

  /** Why the store could not answer, when unavailable or unconfigured. */
  public String failure() {
    return failure;
  }
}
