package io.github.distlock.agent.core.store;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a store's reply failed, as the lock side reads it: a secret-free description, and whether the store refused
 * the command (asking again would get the same answer) or did not answer it (it may or may not have run).
 */
public final class StoreFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean refused;

  private StoreFailure(String description, boolean refused) {
    // No stack trace: a failure is an answer from the network, and an outage produces one per call.
    super(description, null, false, false);
    this.refused = refused;
  }

  /** The store answered with an error (a refused permission, a read-only replica). */
  public static StoreFailure refused(String description) {
    return new StoreFailure(description, true);
  }

  /** No answer: the connection was lost, or the timeout passed. */
  public static StoreFailure unanswered(String description) {
    return new StoreFailure(description, false);
  }

  /** Whether {@code failure}, as a stage delivers it, is a refusal by the store. */
  public static boolean isRefusal(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause instanceof StoreFailure && ((StoreFailure) cause).refused;
  }

  /** A failure as a stage delivers it, described: the store's own description, else the type and message. */
  public static String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StoreFailure) {
      return cause.getMessage();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
