package io.github.distlock.it;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.redis.RedisLockClient;
import io.github.distlock.agent.core.store.LockStore;
import io.github.distlock.agent.core.store.LockStoreContract;
import io.github.distlock.agent.core.store.StoreAvailability;
import io.github.distlock.it.support.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against the Redis store on a real redis-server, the same suite the in-memory store the unit
 * tests use passes. In-process: the store is what is tested here, not the agent's wiring. The server keeps its data
 * across a restart, so a lock freed after one was freed by a release, not by an emptied server.
 */
class RedisLockStoreIT extends LockStoreContract {

  @RegisterExtension static final RedisServer redis = RedisServer.persistent();

  private RedisLockClient store;

  @BeforeEach
  void connect() {
    String settings = "redis.url=" + redis.url() + ",timeout=2s,connectTimeout=10s,history.runs=" + HISTORY_RUNS;
    AgentConfig config = new ConfigLoader(settings, new Properties(), Map.of()).load().config();
    store = new RedisLockClient(config, new AgentLog(System.err, LogLevel.WARN), new StoreAvailability() {
      @Override
      public void unavailable(String reason) {}

      @Override
      public void available() {}
    });
    store.start();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected LockStore store() {
    return store;
  }

  // Redis keeps its own clock: time passes on it only by waiting.
  @Override
  protected void letPass(Duration time) {
    long end = System.nanoTime() + time.toNanos();
    for (long left = time.toNanos(); left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }

  @Override
  protected void cutOff() {
    redis.stop();
  }

  @Override
  protected void reconnect() {
    redis.start();
  }

  @Override
  protected void freeze() {
    redis.pause();
  }

  @Override
  protected void thaw() {
    redis.resume();
  }
}
