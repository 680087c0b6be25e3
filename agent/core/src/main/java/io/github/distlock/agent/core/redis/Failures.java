package io.github.distlock.agent.core.redis;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short, secret-free descriptions of client failures for the log. */
final class Failures {

  private Failures() {}

  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The exception type and message of the innermost cause; Redis and Netty messages carry no credentials. */
  static String describe(Throwable t) {
    Throwable root = unwrap(t);
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
