package io.github.distlock.agent.core.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The only commands the lock protocol sends, dispatched on the connection as Lettuce's own API would send them:
 * the same encoding, timeouts and error mapping ({@code NOSCRIPT} still arrives as
 * {@link io.lettuce.core.RedisNoScriptException}).
 */
final class LockCommands {

  private static final StringCodec CODEC = StringCodec.UTF8;

  private final StatefulConnection<String, String> connection;

  LockCommands(StatefulConnection<String, String> connection) {
    this.connection = connection;
  }

  /** {@code SET key value PX ttl NX}: "OK", or null when the key exists. */
  CompletableFuture<String> setIfAbsent(String key, String value, long ttlMillis) {
    CommandArgs<String, String> args = new CommandArgs<>(CODEC).addKey(key).addValue(value)
        .add(CommandKeyword.PX).add(ttlMillis).add(CommandKeyword.NX);
    return dispatch(CommandType.SET, new StatusOutput<>(CODEC), args);
  }

  /** {@code EVALSHA sha n keys… args…} for a script returning an integer. */
  CompletableFuture<Long> evalsha(String sha, String[] keys, String[] values) {
    return dispatch(CommandType.EVALSHA, new IntegerOutput<>(CODEC), scriptArgs(sha, keys, values));
  }

  /** {@code EVAL script n keys… args…} for a script returning an integer; Redis caches the script too. */
  CompletableFuture<Long> eval(String script, String[] keys, String[] values) {
    return dispatch(CommandType.EVAL, new IntegerOutput<>(CODEC), scriptArgs(script, keys, values));
  }

  /**
   * {@code WAIT replicas timeout}: how many replicas have acknowledged this connection's writes so far, once
   * {@code replicas} have or {@code timeoutMillis} (never 0, which would wait for ever) has passed.
   */
  CompletableFuture<Long> waitForReplicas(int replicas, long timeoutMillis) {
    CommandArgs<String, String> args = new CommandArgs<>(CODEC).add(replicas).add(timeoutMillis);
    return dispatch(CommandType.WAIT, new IntegerOutput<>(CODEC), args);
  }

  /** {@code GET key}: the value, or null. */
  CompletableFuture<String> get(String key) {
    return dispatch(CommandType.GET, new ValueOutput<>(CODEC), new CommandArgs<>(CODEC).addKey(key));
  }

  /** {@code LRANGE key 0 -1}: the whole list, empty when there is none. */
  CompletableFuture<List<String>> listAll(String key) {
    CommandArgs<String, String> args = new CommandArgs<>(CODEC).addKey(key).add(0).add(-1);
    return dispatch(CommandType.LRANGE, new ValueListOutput<>(CODEC), args);
  }

  /** {@code SCRIPT LOAD script}: the script's digest. */
  CompletableFuture<String> scriptLoad(String script) {
    CommandArgs<String, String> args = new CommandArgs<>(CODEC).add(CommandKeyword.LOAD).add(script);
    return dispatch(CommandType.SCRIPT, new StatusOutput<>(CODEC), args);
  }

  private static CommandArgs<String, String> scriptArgs(String script, String[] keys, String[] values) {
    return new CommandArgs<>(CODEC).add(script).add(keys.length).addKeys(keys).addValues(values);
  }

  private <T> CompletableFuture<T> dispatch(CommandType type, CommandOutput<String, String, T> output,
      CommandArgs<String, String> args) {
    AsyncCommand<String, String, T> command = new AsyncCommand<>(new Command<>(type, output, args));
    connection.dispatch(command);
    return command;
  }
}
