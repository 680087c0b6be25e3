package io.github.distlock.agent.core.redis;

/**
 * What the acquire script needs for one lock, in the form it is sent: resolved once per annotated method, so that
 * a locked call builds no key list and formats no ttl.
 */
public final class LockRequest {

  final String key;
  /** The lock key and its fencing counter; braces put the counter in the lock key's cluster slot. */
  final String[] keys;
  final String ttlArgument;

  public LockRequest(String key, long ttlMillis) {
    this.key = key;
    this.keys = new String[] {key, "{" + key + "}:fence"};
    this.ttlArgument = Long.toString(ttlMillis);
  }
}
