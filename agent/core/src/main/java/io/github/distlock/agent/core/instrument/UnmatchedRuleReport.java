package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.AgentThreads;
import io.github.distlock.agent.core.config.Durations;
import io.github.distlock.agent.core.config.LockRule;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reports, once, the lock rules that have locked no method some time after the agent started, each with the loaded
 * classes or methods it may have meant: a misspelt rule otherwise leaves its job unlocked on every replica without
 * a word. A rule whose class is simply not loaded yet is reported too; the report says what it looked for.
 */
final class UnmatchedRuleReport implements Runnable {

  private final LockRuleMatcher rules;
  private final Instrumentation instrumentation;
  private final Duration after;
  private final AgentLog log;

  UnmatchedRuleReport(LockRuleMatcher rules, Instrumentation instrumentation, Duration after, AgentLog log) {
    this.rules = rules;
    this.instrumentation = instrumentation;
    this.after = after;
    this.log = log;
  }

  /** Starts the daemon thread that waits, reports and ends. */
  void start() {
    AgentThreads.daemon(this, "distlock-rule-report").start();
  }

  @Override
  public void run() {
    try {
      TimeUnit.NANOSECONDS.sleep(after.toNanos());
    } catch (InterruptedException e) {
      return;
    }
    try {
      report();
    } catch (RuntimeException e) {
      log.debug("the report of lock rules that matched nothing failed: " + e);
    }
  }

  private void report() {
    List<LockRule> unmatched = rules.unmatched();
    if (unmatched.isEmpty()) {
      return;
    }
    List<String> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      String name = type.getName();
      // Arrays and hidden classes (lambdas, proxies) are no class a rule could name.
      if (!type.isArray() && name.indexOf('/') < 0) {
        loaded.add(name);
      }
    }
    for (LockRule rule : unmatched) {
      log.info("lock rule at " + rule.origin() + " (" + rule.target() + ") has locked no method in the "
          + Durations.format(after) + " since distlock started: "
          + RuleNearMatches.describe(rule, rules.declaredByNamedClass(rule), loaded, "loaded"));
    }
  }
}
