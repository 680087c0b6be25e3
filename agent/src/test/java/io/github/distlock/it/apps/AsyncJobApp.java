package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Locked methods that return asynchronous results, called on command from standard input. {@code start} calls
 * {@link #pending()}, which returns a future that stays pending until {@code complete}, {@code fail} or
 * {@code cancel}; {@code keep} does the same with a 1 s ttl under keepAlive; {@code stage} calls a method declared
 * to return {@code CompletionStage}; {@code throw} calls one that throws before returning a future; {@code future}
 * calls one declared to return a plain {@code Future}; {@code own} one returning the app's own future class;
 * {@code chain} starts the job and, once its future completes, the job again ({@code RESULT chained=…});
 * {@code outer} calls a synchronous locked method that starts the job on the same key; {@code compose} returns
 * work whose callback calls a locked method on the same key; {@code exit} ends the JVM.
 *
 * <p>Each call N reports {@code RESULT call.N=ran|skipped}, whether the returned value was null
 * ({@code call.N.null}) and done ({@code call.N.done}); completions report {@code settled.N}.
 */
public final class AsyncJobApp {

  public static final String KEY = "async:job";
  public static final String KEEP_KEY = "async:keep";
  public static final String PLAIN_FUTURE_KEY = "async:plain-future";
  public static final String OWN_KEY = "async:own";

  /** An application's own future class, which the agent can follow but not create. */
  static final class OwnFuture extends CompletableFuture<String> {}

  private static CompletableFuture<String> current;
  private static boolean ran;

  private AsyncJobApp() {}

  public static void main(String[] args) throws Exception {
    int calls = 0;
    int settled = 0;
    for (String command = AppSupport.readCommand(); command != null; command = AppSupport.readCommand()) {
      switch (command) {
        case "chain" -> {
          // The caller's own follow-up: once this run is done, run the job again. CompletableFuture runs it
          // before the callbacks registered earlier, the agent's release among them.
          calls++;
          ran = false;
          CompletableFuture<String> first = pending();
          AppSupport.result("call." + calls, ran ? "ran" : "skipped");
          first.thenRun(() -> {
            ran = false;
            pending();
            AppSupport.result("chained", ran ? "ran" : "skipped");
          });
        }
        case "outer" -> {
          calls++;
          ran = false;
          AppSupport.result("call." + calls, outerSync());
        }
        case "compose" -> {
          calls++;
          ran = false;
          composed();
          AppSupport.result("call." + calls, ran ? "ran" : "skipped");
        }
        case "start", "keep", "stage", "throw", "future", "own" -> {
          calls++;
          ran = false;
          Object returned = call(command);
          AppSupport.result("call." + calls + ".null", returned == null);
          AppSupport.result("call." + calls + ".done", returned instanceof Future<?> f && f.isDone());
          AppSupport.result("call." + calls, ran ? "ran" : "skipped");
        }
        case "complete", "fail", "cancel" -> {
          settled++;
          switch (command) {
            case "complete" -> current.complete("done");
            case "fail" -> current.completeExceptionally(new IllegalStateException("the job failed"));
            default -> current.cancel(false);
          }
          AppSupport.result("settled." + settled, command);
        }
        case "exit" -> {
          return;
        }
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    }
  }

  private static Object call(String command) {
    switch (command) {
      case "start":
        return pending();
      case "keep":
        return pendingKeepAlive();
      case "stage":
        return stage();
      case "future":
        return plainFuture();
      case "own":
        return own();
      default:
        try {
          return throwing();
        } catch (IllegalStateException e) {
          return null;
        }
    }
  }

  @DistributedLock(key = KEY, ttl = "60s")
  static CompletableFuture<String> pending() {
    ran = true;
    current = new CompletableFuture<>();
    return current;
  }

  /**
   * Returns work whose second step, once the pending first step completes, calls {@link #stage()} on the same key:
   * a callback of the locked work, not a call nested in it ({@code RESULT inner=ran|skipped}).
   */
  @DistributedLock(key = KEY, ttl = "60s")
  static CompletableFuture<String> composed() {
    ran = true;
    current = new CompletableFuture<>();
    return current.thenCompose(first -> {
      ran = false;
      CompletionStage<String> second = stage();
      AppSupport.result("inner", ran ? "ran" : "skipped");
      return second;
    });
  }

  /** Returns at once, having started {@link #pending()} on the same key: the lock must wait for that work too. */
  @DistributedLock(key = KEY, ttl = "60s")
  static String outerSync() {
    pending();
    return "outer-ran";
  }

  @DistributedLock(key = KEEP_KEY, ttl = "1s", keepAlive = true)
  static CompletableFuture<String> pendingKeepAlive() {
    ran = true;
    current = new CompletableFuture<>();
    return current;
  }

  @DistributedLock(key = KEY, ttl = "60s")
  static CompletionStage<String> stage() {
    ran = true;
    current = new CompletableFuture<>();
    return current;
  }

  @DistributedLock(key = KEY, ttl = "60s")
  static CompletableFuture<String> throwing() {
    ran = true;
    throw new IllegalStateException("failed before returning a future");
  }

  @DistributedLock(key = OWN_KEY, ttl = "60s")
  static OwnFuture own() {
    ran = true;
    OwnFuture own = new OwnFuture();
    current = own;
    return own;
  }

  @DistributedLock(key = PLAIN_FUTURE_KEY, ttl = "60s")
  static Future<String> plainFuture() {
    ran = true;
    current = new CompletableFuture<>();
    return current;
  }
}
