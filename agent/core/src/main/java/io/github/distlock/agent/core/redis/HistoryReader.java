package io.github.distlock.agent.core.redis;

import io.github.distlock.agent.core.history.JobStatus;
import io.github.distlock.agent.core.history.KeyHistory;
import io.github.distlock.agent.core.history.RecordedRun;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisKeyCommands;
import io.lettuce.core.api.sync.RedisListCommands;
import io.lettuce.core.api.sync.RedisStringCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads every lock key under a prefix that is held now or has recorded runs, for the operator's commands: a scan
 * of the prefix, then each key's holder, time left and history. Works on a plain, Sentinel-found or cluster
 * connection alike (a cluster's scan walks every primary). Any value in a lock key counts as a holder, whoever
 * wrote it: a lock of the NestJS seed's or of another implementation is shown as held, never hidden.
 */
public final class HistoryReader {

  private HistoryReader() {}

  /** A key's history with the time left on its lock. */
  public static final class KeySnapshot {
    private final KeyHistory history;
    private final long timeLeftMillis;

    KeySnapshot(KeyHistory history, long timeLeftMillis) {
      this.history = history;
      this.timeLeftMillis = timeLeftMillis;
    }

    public KeyHistory history() {
      return history;
    }

    /** Milliseconds until the lock expires; -1 when it has no expiry, -2 when nobody holds it. */
    public long timeLeftMillis() {
      return timeLeftMillis;
    }

    /** The key's status at {@code nowMillis}, its time left standing for its ttl where no run recorded one. */
    public JobStatus status(long nowMillis) {
      return JobStatus.of(history, nowMillis, Math.max(0, timeLeftMillis));
    }
  }

  /**
   * @param wanted which lock keys (prefix included) to read
   * @return the keys in name order
   */
  public static <R extends RedisKeyCommands<String, String> & RedisStringCommands<String, String>
      & RedisListCommands<String, String>> List<KeySnapshot> read(R redis, String prefix, Predicate<String> wanted) {
    Set<String> lockKeys = new TreeSet<>();
    ScanArgs match = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(500);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.scan(cursor, match);
      for (String key : page.getKeys()) {
        String lockKey = lockKeyOf(redis, prefix, key);
        if (lockKey != null && wanted.test(lockKey)) {
          lockKeys.add(lockKey);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    List<KeySnapshot> snapshots = new ArrayList<>(lockKeys.size());
    for (String lockKey : lockKeys) {
      String holder = redis.get(lockKey);
      Long timeLeft = redis.pttl(lockKey);
      List<RecordedRun> runs = RunEntries.parseAll(redis.lrange(CompanionKeys.runs(prefix, lockKey), 0, -1));
      if (holder != null || !runs.isEmpty()) {
        snapshots.add(new KeySnapshot(new KeyHistory(lockKey, holder, runs),
            holder == null || timeLeft == null ? -2 : timeLeft));
      }
    }
    return snapshots;
  }

  /** The lock key that {@code key} is or belongs to, or {@code null} for a fencing counter or a stranger's key. */
  private static <R extends RedisKeyCommands<String, String>> String lockKeyOf(R redis, String prefix, String key) {
    String type = redis.type(key);
    if ("list".equals(type)) {
      return CompanionKeys.lockKeyOf(prefix, key, CompanionKeys.RUNS);
    }
    if (!"string".equals(type)) {
      return null;
    }
    // A fencing counter never expires; a lock always does, unless a stranger's tool set one without a ttl.
    boolean counter = CompanionKeys.lockKeyOf(prefix, key, CompanionKeys.FENCE) != null
        && Long.valueOf(-1).equals(redis.pttl(key));
    return counter ? null : key;
  }

  /** {@code text} as a Redis glob that matches only itself. */
  public static String globEscape(String text) {
    return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
