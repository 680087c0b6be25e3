package io.github.distlock.agent.core.redis;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short, secret-free descriptions of client failures for the log. */
public final class Failures {

  private Failures() {}

  /**
   * Whether Redis itself answered with an error (NOPERM, READONLY, OOM...): the command was refused, not lost,
   * and asking again will not change the answer.
   */
  static boolean isErrorReply(Throwable t) {
    return unwrap(t) instanceof RedisCommandExecutionException;
  }

  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The exception type and message of the innermost cause; Redis and Netty messages carry no credentials. */
  public static String describe(Throwable t) {
    Throwable root = unwrap(t);
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
