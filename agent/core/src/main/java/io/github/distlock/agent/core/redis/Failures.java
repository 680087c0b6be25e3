package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.store.StoreFailure;
import io.lettuce.core.RedisCommandExecutionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short, secret-free descriptions of client failures for the log. */
public final class Failures {

  private static final Pattern REFUSED_COMMAND = Pattern.compile("run the '([^']+)' command");
  private static final String KEY_HINT = "; the ACL user's key pattern must cover the key prefix: ~<keyPrefix>*";

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

  /**
   * {@code t} as the store contract hands failures on: refused when Redis answered with an error, else unanswered;
   * described as {@link #describe} does.
   */
  static StoreFailure toStoreFailure(Throwable t) {
    return isErrorReply(t) ? StoreFailure.refused(describe(t)) : StoreFailure.unanswered(describe(t));
  }

  /** The exception type and message of the innermost cause; Redis and Netty messages carry no credentials. */
  public static String describe(Throwable t) {
    Throwable root = unwrap(t);
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")" + aclHint(message));
  }

  // A refusal by the ACL names what the user lacks; what to grant is the fix an operator looks for.
  private static String aclHint(String message) {
    if (message.contains("user executing the script can't run this command")) {
      // Scripts run their commands with the user's permissions, and Redis 7.0 does not name the refused one.
      return "; distlock's scripts run GET, DEL, PEXPIRE and INCR: grant the ACL user +get +del +pexpire +incr"
          + " (README, Deployments: the ACL distlock needs)";
    }
    // NOPERM for a command sent; from Redis 7.2, "ACL failure in script" for one a script ran, both naming it.
    if (!message.startsWith("NOPERM") && !message.contains("ACL failure in script")) {
      return message.contains("can't access at least one of the keys") ? KEY_HINT : "";
    }
    Matcher command = REFUSED_COMMAND.matcher(message);
    if (command.find()) {
      return "; grant the ACL user +" + command.group(1) + " (README, Deployments: the ACL distlock needs)";
    }
    return message.contains("key") ? KEY_HINT : "";
  }
}
