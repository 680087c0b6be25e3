package io.github.distlock.agent.core.redis;

import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.protocol.DefaultEndpoint;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops a connection made through Redis Sentinel whose primary stopped answering. A hung primary (stopped by
 * SIGSTOP, a frozen VM, a full disk) keeps its TCP connection open, so Lettuce never reconnects, while the sentinels
 * promote a replica in its place; dropping the connection makes Lettuce reconnect and ask the sentinels for the
 * primary again. A standalone server is left alone: reconnecting could only reach the same hung server.
 */
final class HungPrimaryDrop {

  private final StatefulConnection<String, String> connection;
  private final boolean viaSentinel;
  private final long intervalNanos;
  private final AtomicLong lastDropNanos;

  /** @param interval the least time between two drops: a reconnection takes a while to be tried */
  HungPrimaryDrop(StatefulConnection<String, String> connection, boolean viaSentinel, Duration interval) {
    this.connection = connection;
    this.viaSentinel = viaSentinel;
    this.intervalNanos = interval.toNanos();
    this.lastDropNanos = new AtomicLong(System.nanoTime() - intervalNanos);
  }

  /** Called when a command got no answer within the timeout; drops the connection at most once per interval. */
  void afterTimeout() {
    long now = System.nanoTime();
    long last = lastDropNanos.get();
    if (!viaSentinel || now - last < intervalNanos || !lastDropNanos.compareAndSet(last, now)) {
      return;
    }
    RedisChannelWriter writer = ((RedisChannelHandler<?, ?>) connection).getChannelWriter();
    while (writer instanceof Delegating) {
      @SuppressWarnings("unchecked")
      RedisChannelWriter inner = ((Delegating<RedisChannelWriter>) writer).getDelegate();
      writer = inner;
    }
    if (writer instanceof DefaultEndpoint) {
      // Closes the channel but not the endpoint: Lettuce's watchdog sees it inactive and reconnects.
      ((DefaultEndpoint) writer).disconnect();
    }
  }
}
