package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.store.LockRequest;
import io.github.distlock.agent.core.store.StoreFailure;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A live connection with what every lock call needs from it: commands, owner tokens and the scripts, which are
 * always sent by digest ({@code EVALSHA}). After a Redis restart or failover the script cache is empty; a
 * {@code NOSCRIPT} answer is followed by a plain {@code EVAL}, which also reloads the script.
 */
final class Session {

  private static final BooleanSupplier ALWAYS = () -> true;

  final StatefulConnection<String, String> connection;
  final LockCommands commands;
  final OwnerTokens tokens;
  final HungPrimaryDrop hungPrimary;
  private final RunRecording recording;
  private final boolean cluster;
  /**
   * Scripts on a key that had to be resent by {@code EVAL}, until the next acquisition of that key takes note or
   * they are long settled. Only a NOSCRIPT puts an entry here, so the map stays empty while Redis keeps its
   * scripts.
   */
  private final Map<String, Resent> resent = new ConcurrentHashMap<>();
  private final long settledAfterNanos;

  /**
   * @param timeout how long any caller waits for an answer
   * @param target what the connection was made to: a cluster, a server found through Sentinel, or a plain server
   * @param recording told when a release script says Redis refused to record its run
   */
  Session(StatefulConnection<String, String> connection, OwnerTokens tokens, Duration timeout,
      LettuceTarget target, RunRecording recording) {
    this.connection = connection;
    this.recording = recording;
    this.cluster = target.isCluster();
    this.commands = new LockCommands(connection);
    this.tokens = tokens;
    this.hungPrimary = new HungPrimaryDrop(connection, target.viaSentinel(), timeout);
    this.settledAfterNanos = timeout.toNanos();
  }

  /**
   * Whether a command can be sent now, as far as the client knows. A cluster connection's own state is that of one
   * node's channel, which says nothing of the node a key lives on; that node's connection fails a command at once
   * when it is down.
   */
  boolean acceptsCommands() {
    return cluster || connection.isOpen();
  }

  /** Loads every script, so that the first calls find them by digest. */
  void loadScripts() {
    for (LockScript script : LockScript.values()) {
      commands.scriptLoad(script.text);
    }
  }

  /** {@code SET key token NX PX ttl}: whether it was set, waiting at most until {@code deadlineNanos}. */
  boolean setIfAbsent(LockRequest request, String token, long deadlineNanos)
      throws ExecutionException, TimeoutException {
    return "OK".equals(await(commands.setIfAbsent(request.key(), token, request.ttlMillis()), deadlineNanos));
  }

  /** Runs {@code script} and waits for its answer until {@code deadlineNanos}, resending it at once if needed. */
  long call(LockScript script, long deadlineNanos, String[] keys, String... args)
      throws ExecutionException, TimeoutException {
    try {
      return await(commands.evalsha(script.sha, keys, args), deadlineNanos);
    } catch (ExecutionException e) {
      if (!(Failures.unwrap(e) instanceof RedisNoScriptException)) {
        throw e;
      }
      return await(commands.eval(script.text, keys, args), deadlineNanos);
    }
  }

  /**
   * Waits for {@code answer} until {@code deadlineNanos}, even if the caller's thread is interrupted: a scheduler
   * interrupts its threads for its own reasons, and an interrupted caller must get the lock it asks for rather than
   * be told Redis is down. The interrupt is kept for the caller to see afterwards.
   */
  static <T> T await(Future<T> answer, long deadlineNanos) throws ExecutionException, TimeoutException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return answer.get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs an owner-checked {@code script} without waiting: {@code true} when it found the token and did its work; a
   * failure arrives as a {@link StoreFailure}. A NOSCRIPT answer arrives after this JVM may have sent more commands,
   * which then reach Redis before the resent script: {@link #takeResent} tells the next acquisition of
   * {@code keys[0]} that this happened.
   */
  CompletableFuture<Boolean> send(LockScript script, String[] keys, String... args) {
    return send(script, keys, ALWAYS, args);
  }

  /** As {@link #send(LockScript, String[], String...)}, resending after NOSCRIPT only while {@code resendIf}. */
  CompletableFuture<Boolean> send(LockScript script, String[] keys, BooleanSupplier resendIf, String... args) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    commands.evalsha(script.sha, keys, args).whenComplete((result, failure) -> {
      if (failure == null) {
        complete(answer, result);
      } else if (Failures.unwrap(failure) instanceof RedisNoScriptException && !resendIf.getAsBoolean()) {
        answer.completeExceptionally(StoreFailure.unanswered("NOSCRIPT, and not resent: no longer wanted"));
      } else if (Failures.unwrap(failure) instanceof RedisNoScriptException) {
        forgetSettled();
        // Noted on the event loop before it reads the next answer on this connection, or, when the answer came
        // before this callback was attached, before send() returns: either way before a later caller wakes.
        resent.put(keys[0], new Resent(answer));
        resend(script, keys, args, answer);
      } else {
        answer.completeExceptionally(Failures.toStoreFailure(failure));
      }
    });
    return answer;
  }

  /**
   * Reads a lock key's holder and run history without waiting; the two commands touch one slot, and the history
   * comes back newest first.
   */
  CompletableFuture<KeyHistory> inspect(String key, String runsKey) {
    CompletableFuture<String> holder = commands.get(key);
    CompletableFuture<List<String>> entries = commands.listAll(runsKey);
    CompletableFuture<KeyHistory> answer = new CompletableFuture<>();
    holder.thenCombine(entries, (token, list) -> new KeyHistory(key, token, RunEntries.parseAll(list)))
        .whenComplete((history, failure) -> {
          if (failure == null) {
            answer.complete(history);
          } else {
            answer.completeExceptionally(Failures.toStoreFailure(failure));
          }
        });
    return answer;
  }

  /**
   * The answer, perhaps still to come, of the last script on {@code key} that had to be resent since the previous
   * call, or {@code null}; call it only after an answer that was sent later has arrived.
   */
  CompletableFuture<Boolean> takeResent(String key) {
    Resent entry = resent.remove(key);
    return entry == null ? null : entry.answer;
  }

  private void resend(LockScript script, String[] keys, String[] args, CompletableFuture<Boolean> answer) {
    try {
      commands.eval(script.text, keys, args).whenComplete((again, error) -> {
        if (error == null) {
          complete(answer, again);
        } else {
          answer.completeExceptionally(Failures.toStoreFailure(error));
        }
      });
    } catch (RuntimeException e) {
      answer.completeExceptionally(Failures.toStoreFailure(e));
    }
  }

  private void complete(CompletableFuture<Boolean> answer, long result) {
    if ((result & RunRecording.REFUSED) != 0) {
      recording.refused();
    }
    answer.complete((result & 1L) == 1L);
  }

  // Keys of locks taken through the facade may be made up at run time and never taken again; an entry resent
  // longer ago than any caller waits can no longer concern an acquisition in flight.
  private void forgetSettled() {
    long now = System.nanoTime();
    resent.values().removeIf(entry -> entry.answer.isDone() && now - entry.sentAtNanos > settledAfterNanos);
  }

  /** A script resent after NOSCRIPT, and when. */
  private static final class Resent {
    final CompletableFuture<Boolean> answer;
    final long sentAtNanos = System.nanoTime();

    Resent(CompletableFuture<Boolean> answer) {
      this.answer = answer;
    }
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }
}
