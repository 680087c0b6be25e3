package io.github.distlock.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link FleetReport} counts ticks: duplicates, misses, and ticks skipped while a long run held the lock. */
class FleetReportTest {

  // report and reindex every 2 s: 100, 102, 104; cleanup every 3 s: 102, 105.
  private static final RunWindow WINDOW = new RunWindow(100, 106);

  @Test
  void everyTickRunOnceIsClean() {
    List<String> lines = Arrays.asList(
        run("report", 100, "1"), run("report", 102, "2"), run("report", 104, "3"),
        run("cleanup", 102, "1"), run("cleanup", 105, "2"),
        // reindex:100 ran until 103.0 s on its replica's clock, so nobody could take reindex:102.
        "tick=reindex:100 replica=1 end=103000", run("reindex", 104, "2"));

    FleetSummary summary = FleetReport.of(WINDOW, lines).summary();

    assertEquals("ticks: 7, ran once: 7, duplicates: 0, missed: 0", summary.toString());
    assertEquals(1, summary.skippedWhileRunning());
    assertTrue(summary.exactlyOnce());
  }

  @Test
  void aTickRunByTwoReplicasIsOneDuplicate() {
    FleetSummary summary = FleetReport.of(new RunWindow(100, 102), Arrays.asList(
        run("report", 100, "1"), run("report", 100, "2"), run("report", 100, "3"), run("reindex", 100, "2")))
        .summary();

    assertEquals("ticks: 2, ran once: 1, duplicates: 1, missed: 0", summary.toString());
    assertFalse(summary.exactlyOnce());
  }

  @Test
  void aTickNobodyRanIsMissedUnlessAnEarlierRunStillHeldTheLock() {
    FleetSummary summary = FleetReport.of(WINDOW, Arrays.asList(
        "tick=reindex:100 replica=1 end=102500", run("report", 102, "1"))).summary();

    // Every tick is due except reindex:102; only report:102 and reindex:100 ran.
    assertEquals(7, summary.ticks());
    assertEquals(2, summary.ranOnce());
    assertEquals(5, summary.missed());
    assertEquals(1, summary.skippedWhileRunning());
  }

  @Test
  void aRunThatEndedBeforeTheNextTickCoversNothing() {
    FleetSummary summary = FleetReport.of(new RunWindow(100, 104), Arrays.asList(
        "tick=reindex:100 replica=1 end=101999")).summary();

    assertEquals("ticks: 5, ran once: 1, duplicates: 0, missed: 4", summary.toString());
  }

  @Test
  void runsOutsideTheWindowAndBlankLinesAreIgnored() {
    FleetSummary summary = FleetReport.of(new RunWindow(100, 101), Arrays.asList(
        run("report", 98, "1"), "", run("report", 100, "1"), run("reindex", 100, "2"), run("report", 101, "2")))
        .summary();

    assertEquals("ticks: 2, ran once: 2, duplicates: 0, missed: 0", summary.toString());
  }

  @Test
  void theTableNamesTheReplicasOfEachTick() {
    FleetReport report = FleetReport.of(new RunWindow(100, 101), Arrays.asList(
        run("report", 100, "10"), run("report", 100, "2")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\\R"));

    assertTrue(lines.get(1).matches("report:100 +\\d\\d:\\d\\d:\\d\\d  replica 2, replica 10  DUPLICATE"),
        lines.get(1));
    assertTrue(lines.get(2).matches("reindex:100 +\\d\\d:\\d\\d:\\d\\d  -  MISSED"), lines.get(2));
    assertEquals("ticks: 2, ran once: 0, duplicates: 1, missed: 1", lines.get(lines.size() - 1));
  }

  @Test
  void aMalformedRecordIsAnError() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> FleetReport.of(WINDOW, Arrays.asList("tick=report:100 replica=1")));
    assertTrue(error.getMessage().contains("tick=report:100 replica=1"), error.getMessage());
  }

  private static String run(String job, long tick, String replica) {
    return "tick=" + job + ":" + tick + " replica=" + replica + " end=" + (tick * 1000 + 200);
  }
}
