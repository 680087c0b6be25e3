package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.config.AgentConfig;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lock protocol on one shared Lettuce connection: {@code SET key token NX PX ttl} to acquire, owner-checked
 * scripts to release. Every wait is bounded by the configured timeout. Releases are sent without waiting for the
 * reply: on the same connection they are ordered before any later command of this JVM, and the reply is checked
 * off the caller's thread.
 */
public final class RedisLockClient {

  private final AgentLog log;
  private final OutageLog outage;
  private final long timeoutNanos;
  private final RedisConnector connector;
  private final CountDownLatch connected = new CountDownLatch(1);
  private final AtomicInteger pendingReleases = new AtomicInteger();
  private volatile Session session;

  private RedisLockClient(AgentConfig config, AgentLog log, OutageLog outage) {
    this.log = log;
    this.outage = outage;
    this.timeoutNanos = config.timeout().toNanos();
    this.connector = new RedisConnector(config, log, outage, this::onConnected);
  }

  /** Creates the client and starts connecting in the background; returns at once. */
  public static RedisLockClient start(AgentConfig config, AgentLog log, OutageLog outage) {
    RedisLockClient client = new RedisLockClient(config, log, outage);
    client.connector.start();
    return client;
  }

  private void onConnected(Session newSession) {
    session = newSession;
    connected.countDown();
    outage.available();
  }

  public boolean isConnected() {
    Session current = session;
    return current != null && current.connection.isOpen();
  }

  /** Tries to take {@code key} for {@code ttlMillis}; waits at most the timeout, connection included. */
  public Acquisition tryAcquire(String key, long ttlMillis) {
    long deadline = System.nanoTime() + timeoutNanos;
    Session current = awaitSession(deadline);
    if (current == null) {
      return Acquisition.unavailable("not connected");
    }
    String token = current.tokens.next();
    RedisFuture<String> reply = current.commands.set(key, token, SetArgs.Builder.nx().px(ttlMillis));
    try {
      String answer = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return "OK".equals(answer) ? Acquisition.acquired(token) : Acquisition.BUSY;
    } catch (TimeoutException e) {
      compensate(current, key, token);
      return Acquisition.unavailable("no answer within the timeout");
    } catch (ExecutionException e) {
      compensate(current, key, token);
      return Acquisition.unavailable(Failures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      compensate(current, key, token);
      return Acquisition.unavailable("interrupted");
    }
  }

  /**
   * Releases {@code key} if {@code token} still owns it, or, when {@code keepForMillis > 0}, shortens it to expire
   * that much later. Returns at once; a failure is logged, and the lock then simply expires after its ttl.
   */
  public void release(String key, String token, long keepForMillis) {
    Session current = session;
    if (current == null) {
      return;
    }
    pendingReleases.incrementAndGet();
    evalOwnerChecked(current, key, token, keepForMillis)
        .whenComplete((deleted, failure) -> {
          if (failure != null) {
            outage.unavailable("release of " + key + " failed (" + Failures.describe(failure)
                + "); the lock expires after its ttl");
          } else if (deleted == 0L && log.isDebugEnabled()) {
            log.debug("release of " + key + ": the lock was no longer ours (expired or taken over)");
          }
          if (pendingReleases.decrementAndGet() == 0) {
            synchronized (pendingReleases) {
              pendingReleases.notifyAll();
            }
          }
        });
  }

  /** Releases and waits for the answer (at most the timeout): {@code true} when the lock was ours and is gone. */
  public boolean releaseAndWait(String key, String token) {
    Session current = session;
    if (current == null) {
      return false;
    }
    try {
      Long deleted = evalOwnerChecked(current, key, token, 0).toCompletableFuture()
          .get(timeoutNanos, TimeUnit.NANOSECONDS);
      return deleted == 1L;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      outage.unavailable("release of " + key + " failed (" + Failures.describe(e) + ")");
      return false;
    }
  }

  /** Waits, at most the timeout, for releases still in flight; called at shutdown so no release is lost. */
  public void flush() {
    connector.stop();
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (pendingReleases) {
      long left;
      while (pendingReleases.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(pendingReleases, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Session awaitSession(long deadline) {
    Session current = session;
    if (current != null) {
      return current;
    }
    try {
      connected.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return session;
  }

  // A SET that timed out here may still reach Redis later (a paused server); deleting by our unique token right
  // behind it, on the same connection, makes sure it cannot linger as an orphan lock.
  private void compensate(Session current, String key, String token) {
    if (current.connection.isOpen()) {
      release(key, token, 0);
    }
  }

  private CompletionStage<Long> evalOwnerChecked(
      Session current, String key, String token, long keepForMillis) {
    String[] keys = {key};
    boolean keep = keepForMillis > 0;
    String[] args = keep ? new String[] {token, Long.toString(keepForMillis)} : new String[] {token};
    String sha = keep ? current.keepForSha : current.releaseSha;
    String script = keep ? LockScripts.KEEP_FOR : LockScripts.RELEASE;
    RedisFuture<Long> first = current.commands.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    // After a Redis restart the script cache is empty: fall back to EVAL, which also reloads it.
    return first.handle((result, failure) -> failure == null ? first : Failures.unwrap(failure)
            instanceof RedisNoScriptException
                ? current.commands.<Long>eval(script, ScriptOutputType.INTEGER, keys, args)
                : first)
        .thenCompose(stage -> stage);
  }
}
