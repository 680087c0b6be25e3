package io.github.distlock.agent.core.redis;

import io.lettuce.core.RedisAsyncCommandsImpl;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisReactiveCommandsImpl;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A Lettuce client whose connections carry no command API: the agent sends its four commands itself
 * ({@link LockCommands}). Lettuce builds the synchronous, asynchronous and reactive APIs of every connection up
 * front, and loading them (hundreds of command types, argument classes and Reactor operators, each verified in the
 * agent's class loader) was the larger part of the first connection's cost, on the application's cores.
 */
final class CommandsOnlyClient extends RedisClient {

  CommandsOnlyClient(ClientResources resources, RedisURI uri) {
    super(resources, uri);
  }

  @Override
  protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter writer,
      PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
    return new Connection<>(writer, pushHandler, codec, timeout);
  }

  /** A connection to dispatch commands on; {@code sync()}, {@code async()} and {@code reactive()} are null. */
  private static final class Connection<K, V> extends StatefulRedisConnectionImpl<K, V> {

    Connection(RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
      super(writer, pushHandler, codec, timeout);
    }

    @Override
    protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
      return null;
    }

    @Override
    protected RedisAsyncCommandsImpl<K, V> newRedisAsyncCommandsImpl() {
      return null;
    }

    @Override
    protected RedisReactiveCommandsImpl<K, V> newRedisReactiveCommandsImpl() {
      return null;
    }
  }
}
