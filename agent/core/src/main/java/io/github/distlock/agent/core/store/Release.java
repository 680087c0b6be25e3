package io.github.distlock.agent.core.store;

/**
 * One owner's release of its lock, as sent to the store: the lock, the owner's token, and how long the key must
 * still live ({@code lockAtLeastFor}). A value, so that what a release carries can grow without changing the
 * store's methods, and a release that could not be sent can be kept and sent again as it was.
 */
public final class Release {

  private final LockRequest request;
  private final String token;
  private final long keepForMillis;

  /**
   * @param token the owner token the acquisition returned
   * @param keepForMillis how long the key must still live; 0 deletes it
   */
  public Release(LockRequest request, String token, long keepForMillis) {
    this.request = request;
    this.token = token;
    this.keepForMillis = keepForMillis;
  }

  public LockRequest request() {
    return request;
  }

  /** The store's key, prefix included. */
  public String key() {
    return request.key();
  }

  public String token() {
    return token;
  }

  /** How long the key must still live: 0 deletes it, more makes it expire that much later. */
  public long keepForMillis() {
    return keepForMillis;
  }

  /** The same release sent later: it keeps the key only for what is left of {@code keepFor}. */
  public Release keepingFor(long millis) {
    return new Release(request, token, millis);
  }
}
