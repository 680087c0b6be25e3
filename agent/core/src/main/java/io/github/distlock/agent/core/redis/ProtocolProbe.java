package io.github.distlock.agent.core.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Sends every command of the lock protocol once, as the agent sends it, on a probe key under the key prefix, and
 * reports each answer: what an operator needs to know before a fleet relies on a Redis user (ACL permissions,
 * scripts allowed, the prefix writable). Scripts run their commands with the user's permissions too, so
 * {@code del}, {@code pexpire} and {@code incr} inside them are checked as well.
 */
public final class ProtocolProbe {

  /** One step of the protocol and what Redis said. */
  public static final class Check {

    public final String name;
    public final boolean ok;
    public final String detail;

    Check(String name, boolean ok, String detail) {
      this.name = name;
      this.ok = ok;
      this.detail = detail;
    }
  }

  private static final int LATENCY_SAMPLES = 20;

  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final String key;
  private final String token;

  public ProtocolProbe(RedisCommands<String, String> redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
    String process = ManagementFactory.getRuntimeMXBean().getName();
    this.key = prefix + "distlock-doctor:" + process;
    this.token = process + ":doctor";
  }

  /** The protocol's steps, in the order a locked call uses them; the probe key is gone afterwards if Redis allowed. */
  public List<Check> run() {
    List<Check> checks = new ArrayList<>();
    checks.add(step("acquire: SET NX PX", () -> expect("OK", redis.set(key, token, SetArgs.Builder.nx().px(10_000)))));
    for (LockScript script : LockScript.values()) {
      String name = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      checks.add(step("SCRIPT LOAD " + name, () -> expect(script.sha, redis.scriptLoad(script.text))));
    }
    checks.add(step("renew: EVALSHA (pexpire)", () -> expect(1L, redis.evalsha(LockScript.EXPIRE_IN.sha,
        ScriptOutputType.INTEGER, new String[] {key}, token, "10000"))));
    String fence = CompanionKeys.fence(prefix, key);
    checks.add(step("fencing token: EVALSHA (incr)", () -> {
      Long drawn = redis.evalsha(LockScript.FENCE.sha, ScriptOutputType.INTEGER, new String[] {key, fence}, token);
      return drawn != null && drawn > 0 ? "token " + drawn + " from " + fence : fail("answered " + drawn);
    }));
    checks.add(step("release: EVALSHA (del)", () -> expect(1L, redis.evalsha(LockScript.RELEASE.sha,
        ScriptOutputType.INTEGER, new String[] {key}, token))));
    String runs = CompanionKeys.runs(prefix, key);
    checks.add(step("release recording its run: EVALSHA (del, lpush, ltrim)", () -> {
      redis.set(key, token, SetArgs.Builder.nx().px(10_000));
      Long answer = redis.evalsha(LockScript.RELEASE_RECORDING.sha, ScriptOutputType.INTEGER,
          new String[] {key, runs}, token, "0", "0|0|10000", "ok", "", "0", "1", "60000", "1");
      return answer != null && answer == 1L + RunRecording.REFUSED
          ? fail("released, but Redis refused to record the run: grant +lpush +ltrim +pexpire for run history")
          : expect(1L, answer);
    }));
    checks.add(step("release after NOSCRIPT: EVAL (del)", () -> {
      redis.set(key, token, SetArgs.Builder.nx().px(10_000));
      return expect(1L, redis.eval(LockScript.RELEASE.text, ScriptOutputType.INTEGER, new String[] {key}, token));
    }));
    checks.add(step("round trip (" + LATENCY_SAMPLES + " SET NX PX on a held key)", this::latency));
    cleanUp(fence, runs);
    return checks;
  }

  /**
   * This machine's clock minus Redis's, in milliseconds, from the {@code TIME} command, or {@code null} when the
   * user may not send it (distlock itself never does).
   */
  public Long clockOffsetMillis() {
    try {
      long before = System.currentTimeMillis();
      List<String> time = redis.time();
      long after = System.currentTimeMillis();
      long redisMillis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
      return (before + after) / 2 - redisMillis;
    } catch (RedisException | NumberFormatException e) {
      return null;
    }
  }

  private String latency() {
    redis.set(key, token, SetArgs.Builder.nx().px(10_000));
    long[] micros = new long[LATENCY_SAMPLES];
    for (int i = 0; i < micros.length; i++) {
      long started = System.nanoTime();
      redis.set(key, token, SetArgs.Builder.nx().px(10_000));
      micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
    }
    redis.eval(LockScript.RELEASE.text, ScriptOutputType.INTEGER, new String[] {key}, token);
    Arrays.sort(micros);
    return "median " + micros[micros.length / 2] + " µs, max " + micros[micros.length - 1] + " µs";
  }

  // The fence counter and the run history are the keys the probe cannot remove through the protocol's commands.
  private void cleanUp(String fence, String runs) {
    try {
      redis.eval("return redis.call('del', KEYS[1], KEYS[2], KEYS[3])", ScriptOutputType.INTEGER,
          new String[] {key, fence, runs});
    } catch (RedisException e) {
      // Left behind: a probe key under the prefix, without expiry only for the fence counter.
    }
  }

  private static Check step(String name, Step step) {
    try {
      return new Check(name, true, step.run());
    } catch (ProbeFailure e) {
      return new Check(name, false, e.getMessage());
    } catch (RedisException e) {
      return new Check(name, false, e.getMessage());
    }
  }

  private static String expect(Object expected, Object answer) {
    return Objects.equals(expected, answer) ? "ok" : fail("answered " + answer + ", expected " + expected);
  }

  private static String fail(String message) {
    throw new ProbeFailure(message);
  }

  private interface Step {
    String run();
  }

  private static final class ProbeFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProbeFailure(String message) {
      super(message, null, false, false);
    }
  }
}
