package io.github.distlock.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The duration strings users write in annotations and configuration, and how the agent prints them back. */
class DurationsTest {

  @ParameterizedTest
  @ValueSource(strings = {"999999999999999999d", "999999999999999999s", "PT99999999999999H", "300000d", "366d"})
  void aDurationTooLargeForMillisecondsIsAnInputErrorNotACrash(String text) {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(error.getMessage().contains("too large"), error.getMessage());
  }

  @Test
  void aYearIsTheLongestDuration() {
    assertEquals(Duration.ofDays(365), Durations.parse("365d"));
  }

  @Test
  void plainNumberIsMillisecondsAsInTheSeed() {
    assertEquals(Duration.ofMinutes(5), Durations.parse("300000"));
  }

  @ParameterizedTest(name = "\"{0}\" is {1} ms")
  @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "2h, 7200000", "1d, 86400000"})
  void numberWithUnitIsThatManyUnits(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }

  @Test
  void isoDurationIsAccepted() {
    assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
  }

  @Test
  void isoDurationIgnoresCase() {
    assertEquals(Duration.ofMinutes(5), Durations.parse("pt5m"));
  }

  @ParameterizedTest(name = "\"{0}\" is 30s")
  @ValueSource(strings = {" 30s ", "30S", "30 s", "\t30s\n"})
  void surroundingWhitespaceAndUnitCaseDoNotMatter(String text) {
    assertEquals(Duration.ofSeconds(30), Durations.parse(text));
  }

  @Test
  void zeroIsAcceptedForLockAtLeastForDefault() {
    assertEquals(Duration.ZERO, Durations.parse("0"));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(strings = {"abc", "-5", "5x", "", "  ", "PT-5M", "5.5s", "s"})
  void invalidTextIsRejectedWithTheExpectedForms(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains("\"" + text + "\""), "quotes the input: " + e.getMessage());
    assertTrue(e.getMessage().contains(Durations.EXPECTED), "lists the accepted forms: " + e.getMessage());
  }

  @ParameterizedTest(name = "{0} ms prints as {1}")
  @CsvSource({"2000, 2s", "1500, 1500ms", "300000, 5m", "7200000, 2h", "86400000, 1d", "90000, 90s", "0, 0ms"})
  void formatUsesTheLargestUnitThatDividesExactly(long millis, String expected) {
    assertEquals(expected, Durations.format(Duration.ofMillis(millis)));
  }

  @ParameterizedTest(name = "\"{0}\" survives a round trip")
  @ValueSource(strings = {"2s", "1500ms", "5m", "2h", "1d"})
  void formattedDurationParsesBackToTheSameValue(String text) {
    assertEquals(text, Durations.format(Durations.parse(text)));
  }
}
