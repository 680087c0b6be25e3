package io.github.distlock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method on at most one JVM of a fleet at a time, through a Redis lock.
 *
 * <p>The annotation does nothing by itself: the distlock agent ({@code -javaagent:distlock-agent.jar}) finds it in
 * the class file and inserts the lock around the method body. On entry the agent sets {@code <keyPrefix><key>} with
 * {@code SET NX PX}; if another holder has it, the body is skipped and the method returns {@code null}, zero,
 * {@code false} or {@code Optional.empty()}. On return or exception the lock is released, but only by its owner.
 *
 * <pre>{@code
 * @DistributedLock(key = "cron:daily-sync", ttl = "5m")
 * void dailySync() { ... }
 * }</pre>
 *
 * <p>Durations accept plain milliseconds ({@code "300000"}), a number with a unit ({@code "500ms"}, {@code "30s"},
 * {@code "5m"}, {@code "2h"}, {@code "1d"}) or ISO-8601 ({@code "PT5M"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DistributedLock {

  /** The lock name; the Redis key is the configured key prefix followed by this value. Must not be empty. */
  String key();

  /**
   * How long the lock lives if its holder dies without releasing it. Empty means the agent's configured
   * {@code defaultTtl}. Choose it longer than the longest run of the method.
   */
  String ttl() default "";

  /**
   * The minimum time the lock stays held, even when the body finishes sooner, so that a replica whose clock is a
   * little behind cannot run the same scheduled tick again. Must not exceed {@link #ttl()}.
   */
  String lockAtLeastFor() default "0";

  /**
   * Renews the lock every third of its ttl while the body runs, for jobs that may outlive their ttl. Each renewal
   * checks that the lock is still this call's own; if it is not, the lock is reported lost (the body is never
   * interrupted). The agent's {@code keepAlive} setting turns renewal on for every lock.
   */
  boolean keepAlive() default false;

  /**
   * What a call does when Redis cannot answer within the agent's timeout: by default the agent's {@code failMode}
   * setting. {@link FailMode#LAST_HOLDER} keeps a job running through an outage on one replica only: the one whose
   * latest answer from Redis for this lock was its own acquisition.
   */
  FailMode failMode() default FailMode.AS_CONFIGURED;
}
