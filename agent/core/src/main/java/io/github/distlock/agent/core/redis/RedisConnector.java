package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.store.StoreAvailability;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens the one shared connection on a daemon thread, so that neither premain nor the application waits for
 * Redis, and retries with back-off until the first connection succeeds; Lettuce reconnects after that.
 */
final class RedisConnector implements Runnable {

  // Within the start-up budget lock calls are waiting, so a Redis that comes up must be found at once; after it,
  // a JVM whose Redis stays away retries at a leisurely pace.
  private static final long BUDGET_BACKOFF_MAX_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 1_000;
  private static final Duration RECONNECT_MIN = Duration.ZERO;
  private static final Duration RECONNECT_MAX = Duration.ofMillis(100);

  private final AgentConfig config;
  private final AgentLog log;
  private final StoreAvailability outage;
  private final Consumer<Session> onConnected;
  private final Runnable onReconnected;
  private final Runnable onGivenUp;
  private final RunRecording recording;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String lastFailure = "the first attempt is still under way";
  private volatile LettuceTarget target;
  private volatile ClientResources resources;
  private volatile boolean budgetSpent;

  /**
   * @param onConnected receives the first connection
   * @param onReconnected runs each time Lettuce has reconnected it and it accepts commands again
   * @param onGivenUp runs when no connection can ever be made with this configuration
   * @param recording the sessions' run recording
   */
  RedisConnector(AgentConfig config, AgentLog log, StoreAvailability outage, Consumer<Session> onConnected,
      Runnable onReconnected, Runnable onGivenUp, RunRecording recording) {
    this.recording = recording;
    this.config = config;
    this.log = log;
    this.outage = outage;
    this.onConnected = onConnected;
    this.onReconnected = onReconnected;
    this.onGivenUp = onGivenUp;
  }

  /** Why there is no connection after the start-up budget, secret-free. */
  String noConnectionWithinBudget() {
    return "no connection to Redis within connectTimeout=" + Durations.format(config.connectTimeout()) + " ("
        + lastFailure + ")";
  }

  /** Whether attempts have been failing for longer than the start-up budget: a lock call need not wait then. */
  boolean budgetSpent() {
    return budgetSpent;
  }

  void start() {
    Thread thread = new Thread(this, "distlock-connect");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    stopped.countDown();
  }

  /**
   * Closes the connection and ends Netty's threads, waiting for them at most {@code timeout}: a thread left
   * waiting in the kernel for network events holds up the JVM's exit by about 300 ms (HotSpot waits for threads in
   * native code before it exits).
   */
  void close(Duration timeout) {
    stop();
    long millis = timeout.toMillis();
    LettuceTarget current = target;
    if (current != null) {
      current.shutdown(millis);
    }
    ClientResources threads = resources;
    if (threads != null) {
      threads.shutdown(0, millis, TimeUnit.MILLISECONDS).awaitUninterruptibly(millis);
    }
  }

  @Override
  public void run() {
    long started = System.nanoTime();
    // Lettuce, Netty and Reactor look up optional classes and services through the context class loader; left as
    // the application's, they would find the app's own Netty or Lettuce and mix them with ours. Threads created
    // from here (Netty's event loops) inherit this one.
    Thread.currentThread().setContextClassLoader(RedisConnector.class.getClassLoader());
    try {
      // Before any other Netty class: Netty would otherwise fall back to java.util.logging and initialise it
      // before the application can configure it. SLF4J inside the agent is bound to its no-op logger.
      InternalLoggerFactory.setDefaultFactory(Slf4JLoggerFactory.INSTANCE);
      OwnerTokens tokens = OwnerTokens.forThisJvm();
      RedisURI uri = null;
      if (config.clusterNodes().isEmpty()) {
        try {
          uri = RedisUris.from(config, config.connectTimeout());
        } catch (RuntimeException e) {
          // The configuration check accepted the URL; Lettuce's message may quote it, password included.
          log.error("config: the Redis URL passed the configuration check but Lettuce rejects it ("
              + e.getClass().getSimpleName() + "); distlock will not connect, locked methods follow failMode");
          onGivenUp.run();
          return;
        }
        String tlsProblem = uri.isSsl() ? TlsOptions.problem(config.tls()) : null;
        if (tlsProblem != null) {
          log.error("config: " + tlsProblem + "; distlock will not connect, locked methods follow failMode");
          onGivenUp.run();
          return;
        }
      }
      ActivationEvents events = new ActivationEvents();
      ClientResources resources = resources(events);
      this.resources = resources;
      LettuceTarget target = uri == null ? ClusterTarget.create(config, resources)
          : LettuceTarget.server(config, resources, uri);
      this.target = target;
      log.debug("Redis client created in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
      long budgetEnd = started + config.connectTimeout().toNanos();
      long backoffMillis = 50;
      while (stopped.getCount() > 0) {
        try {
          StatefulConnection<String, String> connection = target.connect();
          Session session = new Session(connection, tokens, config.timeout(), target, recording);
          session.loadScripts();
          events.onActivated(resources.eventExecutorGroup(), this::reconnected);
          onConnected.accept(session);
          outage.available();
          log.info("connected to " + target.describe() + " in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
          return;
        } catch (RuntimeException e) {
          lastFailure = "cannot connect to " + target.describe() + ": " + Failures.describe(e);
          boolean withinBudget = System.nanoTime() - budgetEnd < 0;
          if (withinBudget) {
            // Lock calls are still waiting for this attempt or the next; the outage starts when the budget ends.
            log.debug(lastFailure);
          } else {
            budgetSpent = true;
            outage.unavailable(noConnectionWithinBudget());
          }
          stopped.await(backoffMillis, TimeUnit.MILLISECONDS);
          backoffMillis = Math.min(backoffMillis * 2, withinBudget ? BUDGET_BACKOFF_MAX_MILLIS : MAX_BACKOFF_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      log.error("the Redis client failed to start; locked methods follow failMode", t);
      onGivenUp.run();
    }
  }

  // An exception escaping to the executor would go unreported.
  private void reconnected() {
    try {
      onReconnected.run();
    } catch (Throwable t) {
      log.error("could not resend the releases kept during the outage", t);
    }
  }

  private static ClientResources resources(ActivationEvents events) {
    return DefaultClientResources.builder()
        .eventBus(events)
        // The agent reads no command latencies; collecting them loads a metrics package and a publisher thread.
        .commandLatencyRecorder(CommandLatencyRecorder.disabled())
        // An agent should stay small: a couple of threads are plenty for one pipelined connection.
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .threadFactoryProvider(RedisConnector::agentThreads)
        // Lettuce's default back-off grows to 30 s; a lock client must notice a restarted Redis within a tick.
        .reconnectDelay(Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
  }

  // Lettuce starts some of its threads on demand, possibly from an application thread that sends a command;
  // left alone, they would keep that thread's context class loader (in an app server, the web application's).
  private static ThreadFactory agentThreads(String poolName) {
    ThreadFactory netty = new DefaultThreadFactory(poolName, true);
    return task -> {
      Thread thread = netty.newThread(task);
      thread.setContextClassLoader(RedisConnector.class.getClassLoader());
      return thread;
    };
  }
}
