package io.github.distlock.agent.core.redis;

import io.lettuce.core.event.Event;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;

/**
 * Lettuce's event bus cut down to the one event the agent acts on: a connection that accepts commands again.
 * Lettuce's own bus is a Reactor sink that also records every event for Java Flight Recorder; the agent subscribes
 * to nothing else, and loading that machinery cost the application's start-up for no gain.
 */
final class ActivationEvents implements EventBus {

  private volatile Executor executor;
  private volatile Runnable reaction;

  /**
   * From now on, {@code reaction} runs on {@code executor} each time a connection has been activated (after its
   * handshake): off Netty's event loop, which must never wait on a lock's monitor.
   */
  void onActivated(Executor executor, Runnable reaction) {
    this.executor = executor;
    this.reaction = reaction;
  }

  @Override
  public void publish(Event event) {
    Runnable current = reaction;
    if (current != null && event instanceof ConnectionActivatedEvent) {
      try {
        executor.execute(current);
      } catch (Throwable t) {
        // Called on the event loop before Lettuce's own handlers see the channel active: an exception escaping here
        // would keep Lettuce from ever reconnecting this connection. The executor refuses work only once the agent
        // is closing at exit, after its releases have been flushed, so nothing is lost by dropping the reaction.
      }
    }
  }

  /** Nothing inside Lettuce subscribes; an empty stream for any code that asks. */
  @Override
  public Flux<Event> get() {
    return Flux.empty();
  }
}
