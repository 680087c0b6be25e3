package io.github.distlock.agent.core.store;

import io.github.distlock.agent.core.base.ManualTicker;
import java.time.Duration;

/** The fake the lock side's unit tests use keeps the store contract. */
class InMemoryLockStoreTest extends LockStoreContract {

  private final ManualTicker ticker = new ManualTicker();
  private final InMemoryLockStore store = new InMemoryLockStore(ticker, HISTORY_RUNS);

  @Override
  protected LockStore store() {
    return store;
  }

  @Override
  protected void letPass(Duration time) {
    ticker.advance(time);
  }

  @Override
  protected void cutOff() {
    store.goDown();
  }

  @Override
  protected void reconnect() {
    store.comeBack();
  }

  @Override
  protected void freeze() {
    store.goDown();
  }

  @Override
  protected void thaw() {
    store.comeBack();
  }
}
