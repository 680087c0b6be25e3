package io.github.distlock.agent.core.store;

/**
 * Told when the store stops answering and when it answers again, from the store's own connection events as well as
 * from lock calls, so that an outage can be reported once rather than once per call.
 */
public interface StoreAvailability {

  /** @param reason why the store does not answer, secret-free */
  void unavailable(String reason);

  void available();
}
