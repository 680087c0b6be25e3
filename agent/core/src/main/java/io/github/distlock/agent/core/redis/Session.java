package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.lock.OwnerTokens;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/** A live connection with what every lock call needs from it: commands, owner tokens and script digests. */
final class Session {

  final StatefulRedisConnection<String, String> connection;
  final RedisAsyncCommands<String, String> commands;
  final OwnerTokens tokens;
  final String releaseSha;
  final String keepForSha;

  Session(StatefulRedisConnection<String, String> connection, OwnerTokens tokens) {
    this.connection = connection;
    this.commands = connection.async();
    this.tokens = tokens;
    this.releaseSha = commands.digest(LockScripts.RELEASE);
    this.keepForSha = commands.digest(LockScripts.KEEP_FOR);
  }
}
