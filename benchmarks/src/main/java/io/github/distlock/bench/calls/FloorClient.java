package io.github.distlock.bench.calls;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: the least a correct Redis lock can do, written directly against Lettuce. {@code SET key token NX PX},
 * the body, then an owner-checked delete by {@code EVALSHA}: two synchronous round trips, one shared connection.
 */
public final class FloorClient implements AutoCloseable {

  /** The standard compare-and-delete: only the token's owner may remove the lock. */
  static final String RELEASE_SCRIPT =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
  static final long TTL_MILLIS = 30_000;

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> commands;
  private final String releaseSha;
  private final SetArgs setArgs = SetArgs.Builder.nx().px(TTL_MILLIS);
  // Unique per acquisition like every contender's owner value, at the same price: a prefix and a counter.
  private final String tokenPrefix = "floor:" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".";
  private final AtomicLong counter = new AtomicLong();

  private FloorClient(ClientResources resources, RedisClient client) {
    this.resources = resources;
    this.client = client;
    this.connection = client.connect();
    this.commands = connection.sync();
    this.releaseSha = commands.scriptLoad(RELEASE_SCRIPT);
  }

  /** Connects to the harness's Redis with the agent's thread pool sizes, so only the protocol differs. */
  public static FloorClient open() {
    ClientResources resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .build();
    return new FloorClient(resources, RedisClient.create(resources, BenchRedis.url()));
  }

  /** Takes {@code key}, runs the body and releases; fails loudly if the lock was not free. */
  public void lockRunRelease(String key) {
    String token = tokenPrefix + Long.toString(counter.incrementAndGet(), 36);
    if (commands.set(key, token, setArgs) == null) {
      throw new IllegalStateException(key + " was not free: the floor would be measuring the busy path");
    }
    Body.run();
    Long released = commands.evalsha(releaseSha, ScriptOutputType.INTEGER, new String[] {key}, token);
    if (released == null || released != 1L) {
      throw new IllegalStateException(key + " was not released");
    }
  }

  /** One {@code SET NX} against a lock held elsewhere: the least a skipped call can cost. */
  public void trySetWhileHeld(String key) {
    String token = tokenPrefix + Long.toString(counter.incrementAndGet(), 36);
    if (commands.set(key, token, setArgs) != null) {
      throw new IllegalStateException(key + " was free: the busy path would be measuring an acquisition");
    }
  }

  /** Makes {@code key} look held by another replica for the rest of the trial. */
  public void holdElsewhere(String key) {
    commands.set(key, "another-replica:1", SetArgs.Builder.px(TimeUnit.MINUTES.toMillis(30)));
  }

  public String get(String key) {
    return commands.get(key);
  }

  public void delete(String... keys) {
    commands.del(keys);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
    resources.shutdown();
  }
}
