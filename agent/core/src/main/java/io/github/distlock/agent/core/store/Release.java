package io.github.distlock.agent.core.store;

import io.github.distlock.agent.core.history.RunRecord;

/**
 * One owner's release of its lock, as sent to the store: the lock, the owner's token, how long the key must
 * still live ({@code lockAtLeastFor}), and the run it ends, which the store records in the same step. A value, so that what a release carries can grow without changing the
 * store's methods, and a release that could not be sent can be kept and sent again as it was.
 */
public final class Release {

  private final LockRequest request;
  private final String token;
  private final long keepForMillis;
  private final RunRecord run;

  /**
   * @param token the owner token the acquisition returned
   * @param keepForMillis how long the key must still live; 0 deletes it
   * @param run the run this release ends, or {@code null} when none ran on the lock (a compensating release)
   */
  public Release(LockRequest request, String token, long keepForMillis, RunRecord run) {
    this.request = request;
    this.token = token;
    this.keepForMillis = keepForMillis;
    this.run = run;
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

  /** The run to record, or {@code null}. */
  public RunRecord run() {
    return run;
  }

  /** The same release sent later: it keeps the key only for what is left of {@code keepFor}. */
  public Release keepingFor(long millis) {
    return new Release(request, token, millis, run);
  }
}
