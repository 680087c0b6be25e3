package io.github.distlock.bench;

import java.time.Duration;

/**
 * How much to measure. {@code smoke} proves in CI that every benchmark still produces a figure, in about a
 * minute; its numbers mean nothing. {@code full} is the manual measurement the README's table comes from.
 */
public enum RunMode {
  SMOKE(1, 1, Duration.ofMillis(200), 1, Duration.ofMillis(400), 1, 2_000, 1, 1, 1, 1, 1, Duration.ZERO,
      Duration.ofMinutes(8)),
  FULL(3, 5, Duration.ofSeconds(1), 5, Duration.ofSeconds(2), 5, Integer.MAX_VALUE, 10, 5, 3, 5, 5,
      Duration.ofSeconds(30), Duration.ofHours(2));

  /** JMH: rounds of one fork per contender, alternating in order; iterations and their lengths per fork. */
  final int rounds;
  final int warmupIterations;
  final Duration warmupTime;
  final int measurementIterations;
  final Duration measurementTime;
  /** Start-up: pairs of runs without and with the agent, and how many classes the workload loads. */
  final int classLoadPairs;
  final int maxClasses;
  final int helloPairs;
  final int premainRuns;
  final int memoryPairs;
  /** Rounds of the Spring Boot start-up (each side once per round, with and without CDS) and of the cold lock. */
  final int springRounds;
  final int coldRounds;
  /** How long the compatibility check waits for the agent's connection; zero skips the check. */
  final Duration compatWait;
  /** The harness gives up, and kills what it started, after this long. */
  final Duration deadline;

  RunMode(int rounds, int warmupIterations, Duration warmupTime, int measurementIterations,
      Duration measurementTime, int classLoadPairs, int maxClasses, int helloPairs, int premainRuns,
      int memoryPairs, int springRounds, int coldRounds, Duration compatWait, Duration deadline) {
    this.rounds = rounds;
    this.warmupIterations = warmupIterations;
    this.warmupTime = warmupTime;
    this.measurementIterations = measurementIterations;
    this.measurementTime = measurementTime;
    this.classLoadPairs = classLoadPairs;
    this.maxClasses = maxClasses;
    this.helloPairs = helloPairs;
    this.premainRuns = premainRuns;
    this.memoryPairs = memoryPairs;
    this.springRounds = springRounds;
    this.coldRounds = coldRounds;
    this.compatWait = compatWait;
    this.deadline = deadline;
  }
}
