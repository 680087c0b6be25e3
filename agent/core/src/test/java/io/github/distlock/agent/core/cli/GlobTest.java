package io.github.distlock.agent.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.agent.core.redis.HistoryReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jobs [pattern]} matches lock keys as {@code SCAN MATCH} (and {@code locks}) would. */
class GlobTest {

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
    "app:*, app:cron:report, true",
    "app:*, other:cron, false",
    "app:cron:?, app:cron:a, true",
    "app:cron:?, app:cron:ab, false",
    "app:[ab]x, app:bx, true",
    "app:[ab]x, app:cx, false",
    "app:[^a]x, app:cx, true",
    "app:[^a]x, app:ax, false",
    "app:[a-c]x, app:bx, true",
    "'app:\\*', 'app:*', true",
    "'app:\\*', app:x, false",
    "app.x, appYx, false",
    "'{t}:*', '{t}:job', true"
  })
  void matchesAsRedisDoes(String glob, String key, boolean matches) {
    assertEquals(matches, Glob.of(glob).test(key));
  }

  @ParameterizedTest(name = "prefix {0}")
  @CsvSource({"'a*b:', 'a*b:job', 'axb:job'", "'a?[b]:', 'a?[b]:job', 'ax[b]:job'"})
  void aPrefixWithGlobCharactersMatchesOnlyItself(String prefix, String under, String lookalike) {
    String glob = HistoryReader.globEscape(prefix) + "*";
    assertEquals(true, Glob.of(glob).test(under));
    assertEquals(false, Glob.of(glob).test(lookalike));
  }
}
