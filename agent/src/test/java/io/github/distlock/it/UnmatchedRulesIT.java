package io.github.distlock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.distlock.it.apps.legacy.SingleRunApp;
import io.github.distlock.it.support.ForkedJvm;
import io.github.distlock.it.support.RedisServer;
import io.github.distlock.it.support.RunningJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock rule that locks nothing, as a misspelt one does, is reported once after a while, with the loaded classes
 * or the methods it may have meant; a rule that locked its method is not.
 */
class UnmatchedRulesIT {

  @RegisterExtension static final RedisServer redis = RedisServer.create();

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final String LEGACY = "io.github.distlock.it.apps.legacy.";

  @TempDir Path dir;

  @Test
  void aRuleThatLockedNothingIsReportedOnceWithWhatItMayHaveMeant() throws IOException {
    Path file = dir.resolve("distlock.yml");
    Files.write(file, List.of(
        "locks:",
        "  - method: " + LEGACY + "ReportJob#run",
        "    key: legacy:report",
        "  - method: " + LEGACY + "ReprotJob#run",
        "    key: legacy:misspelt-class",
        "  - method: " + LEGACY + "ReportJob#runAll",
        "    key: legacy:misspelt-method"), StandardCharsets.UTF_8);
    // Long enough for the job's class to be loaded first on a busy machine (the JVM starts, the job's class loads, Byte
    // Buddy is set up); the report says how long it waited.
    try (RunningJvm app = ForkedJvm.main(SingleRunApp.class).withoutAnnotationsJar()
        .withAgent("redis.url=" + redis.url() + ",config=" + file + ",unmatchedRulesAfter=15s").start()) {
      app.awaitLine("^RAN$", RUN);
      String misspeltClass = "[distlock] INFO lock rule at " + file + ":4 (" + LEGACY + "ReprotJob#run) has locked"
          + " no method in the 15s since distlock started: no class " + LEGACY + "ReprotJob was loaded; similar"
          + " names: " + LEGACY + "ReportJob";
      String misspeltMethod = "[distlock] INFO lock rule at " + file + ":6 (" + LEGACY + "ReportJob#runAll) has"
          + " locked no method in the 15s since distlock started: " + LEGACY + "ReportJob declares run(long)";
      app.awaitLine(Pattern.quote(misspeltClass), RUN);
      app.awaitLine(Pattern.quote(misspeltMethod), RUN);
      app.writeLine("exit");
      assertEquals(0, app.awaitExit(RUN), app.output());

      List<String> lines = app.lines();
      assertEquals(1, lines.stream().filter(misspeltClass::equals).count(), app.output());
      assertEquals(1, lines.stream().filter(misspeltMethod::equals).count(), app.output());
      assertFalse(app.output().contains("lock rule at " + file + ":2 "), "the rule that locked run(long)\n"
          + app.output());
      assertEquals("ran", app.results().get("report.0"));
    }
  }
}
