package io.github.distlock.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's {@code locks:} list: methods locked by name, and how a mistake in a rule is reported. */
class LockRulesTest {

  @TempDir Path dir;

  @Test
  void aRuleNamesAClassAndMethodWithTheAnnotationsValues() throws IOException {
    LoadedConfig loaded = load(
        "keyPrefix: \"app:\"",
        "locks:",
        "  - method: com.acme.legacy.ReportJob#run",
        "    key: cron:report",
        "    ttl: 10m",
        "    lockAtLeastFor: 4m",
        "    keepAlive: true",
        "    failMode: lastHolder",
        "  - method: com.acme.legacy.ReportJob$Inner#run(java.lang.String, int, byte[])",
        "    key: \"report:{0}\"");
    assertEquals(List.of(), loaded.errors());
    assertEquals(List.of(), loaded.warnings());
    assertEquals("app:", loaded.config().keyPrefix(), "settings beside the rules still apply");
    List<LockRule> rules = loaded.config().lockRules();
    assertEquals(2, rules.size());
    LockRule first = rules.get(0);
    assertEquals("com.acme.legacy.ReportJob", first.className());
    assertEquals("run", first.methodName());
    assertNull(first.parameterTypes(), "every overload");
    assertEquals("cron:report", first.key());
    assertEquals("10m", first.ttl());
    assertEquals("4m", first.lockAtLeastFor());
    assertTrue(first.keepAlive());
    assertEquals("lastHolder", first.failMode());
    assertTrue(first.origin().endsWith("distlock.yml:3"), first.origin());
    LockRule second = rules.get(1);
    assertEquals("com.acme.legacy.ReportJob$Inner", second.className());
    assertEquals(List.of("java.lang.String", "int", "byte[]"), second.parameterTypes());
    assertEquals("", second.ttl(), "the configured default");
    assertEquals("0", second.lockAtLeastFor());
    assertEquals("", second.failMode(), "the configured fail mode");
  }

  @Test
  void aMalformedRuleIsAnErrorNamingFileAndLineAndTheOthersStillApply() throws IOException {
    LoadedConfig loaded = load(
        "locks:",
        "  - method: ReportJob.run",
        "    key: cron:report",
        "  - method: com.acme.Job#run",
        "  - method: com.acme.Job#run",
        "    key: cron:job",
        "    keepAlive: sometimes",
        "  - method: com.acme.Ajar#run",
        "    key: cron:ajar",
        "    failMode: ajar",
        "  - method: com.acme.Ok#run",
        "    key: cron:ok",
        "    tll: 5m");
    List<String> errors = loaded.errors();
    assertEquals(4, errors.size(), errors.toString());
    assertTrue(errors.get(0).matches(".*distlock.yml:2: method \"ReportJob.run\" is not valid: expected a method"
        + " such as com.acme.ReportJob#run.*; this rule is ignored"), errors.get(0));
    assertTrue(errors.get(1).matches(".*distlock.yml:4: the lock rule for com.acme.Job#run needs key:.*"),
        errors.get(1));
    assertTrue(errors.get(2).matches(".*distlock.yml:5: keepAlive = \"sometimes\" is not valid: expected true or"
        + " false.*"), errors.get(2));
    assertTrue(errors.get(3).matches(".*distlock.yml:8: failMode = \"ajar\" is not valid: expected open, closed"
        + " or lastHolder; this rule is ignored"), errors.get(3));
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    assertTrue(loaded.warnings().get(0).matches(".*distlock.yml:13: lock rule key \"tll\": unknown setting,"
        + " ignored; did you mean ttl\\?"), loaded.warnings().get(0));
    assertEquals(1, loaded.config().lockRules().size());
    assertEquals("com.acme.Ok#run", loaded.config().lockRules().get(0).target());
    assertNull(loaded.connectionProblem(), "a bad rule does not keep the other locks off Redis");
  }

  @Test
  void parameterTypesAreFullyQualifiedAndAJdkTypeIsWarnedAbout() throws IOException {
    LoadedConfig loaded = load(
        "locks:",
        "  - method: com.acme.Job#run(String)",
        "    key: cron:job",
        "  - method: java.lang.Runnable#run",
        "    key: \"run:{class}\"");
    assertEquals(1, loaded.errors().size(), loaded.errors().toString());
    assertTrue(loaded.errors().get(0).matches(".*distlock.yml:2: parameter type String of com.acme.Job#run\\(String\\)"
        + " is not valid: expected a fully qualified name such as java.lang.String.*"), loaded.errors().get(0));
    assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
    assertTrue(loaded.warnings().get(0).matches(".*distlock.yml:4: the rule for java.lang.Runnable#run names a JDK"
        + " type: it locks that method in every class of every library.*"), loaded.warnings().get(0));
    assertEquals(List.of("java.lang.Runnable#run"),
        loaded.config().lockRules().stream().map(LockRule::target).toList());
  }

  @Test
  void aKeySetTwiceInARuleIsAnErrorAndTheRuleIsLeftOut() throws IOException {
    LoadedConfig loaded = load(
        "locks:",
        "  - method: com.acme.Job#run",
        "    key: cron:job",
        "    ttl: 10m",
        "    ttl: 10s",
        "  - method: com.acme.Other#run",
        "    key: cron:other");
    assertEquals(1, loaded.errors().size(), loaded.errors().toString());
    assertTrue(loaded.errors().get(0).matches(".*distlock.yml:5: ttl is set twice in this lock rule; this rule is"
        + " ignored"), loaded.errors().get(0));
    assertEquals(List.of("com.acme.Other#run"), loaded.config().lockRules().stream().map(LockRule::target).toList());
  }

  @Test
  void locksMustBeAList() throws IOException {
    LoadedConfig loaded = load("locks:", "  method: com.acme.Job#run", "  key: cron:job");
    assertEquals(1, loaded.errors().size());
    assertTrue(loaded.errors().get(0).matches(".*distlock.yml:2: locks takes a list of rules.*"),
        loaded.errors().get(0));
  }

  private LoadedConfig load(String... lines) throws IOException {
    Path file = dir.resolve("distlock.yml");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return new ConfigLoader("config=" + file, new Properties(), new HashMap<>()).load();
  }
}
