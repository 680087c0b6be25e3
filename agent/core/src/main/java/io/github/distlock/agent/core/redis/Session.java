package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.lock.OwnerTokens;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletionStage;

/** A live connection with what every lock call needs from it: commands, owner tokens and the scripts. */
final class Session {

  final StatefulRedisConnection<String, String> connection;
  final RedisAsyncCommands<String, String> commands;
  final OwnerTokens tokens;

  Session(StatefulRedisConnection<String, String> connection, OwnerTokens tokens) {
    this.connection = connection;
    this.commands = connection.async();
    this.tokens = tokens;
  }

  /** Loads every script, so that the first calls find them by digest. */
  void loadScripts() {
    for (LockScript script : LockScript.values()) {
      commands.scriptLoad(script.text);
    }
  }

  /**
   * Runs {@code script} by digest; after a Redis restart the script cache is empty, and the NOSCRIPT answer is
   * followed by a plain {@code EVAL}, which also reloads it.
   */
  CompletionStage<Long> run(LockScript script, String[] keys, String... args) {
    RedisFuture<Long> byDigest = commands.evalsha(script.sha, ScriptOutputType.INTEGER, keys, args);
    return byDigest
        .handle((result, failure) -> failure != null
                && Failures.unwrap(failure) instanceof RedisNoScriptException
            ? commands.<Long>eval(script.text, ScriptOutputType.INTEGER, keys, args)
            : byDigest)
        .thenCompose(stage -> stage);
  }

  /**
   * Runs {@code script} by its text. For a release, whose reply nobody waits for: a NOSCRIPT fallback would be
   * sent only after the reply, so this JVM's next {@code SET} on the key could overtake it and find it still held.
   */
  CompletionStage<Long> eval(LockScript script, String[] keys, String... args) {
    return commands.eval(script.text, ScriptOutputType.INTEGER, keys, args);
  }
}
