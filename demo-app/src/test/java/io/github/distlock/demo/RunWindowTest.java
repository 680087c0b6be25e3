package io.github.distlock.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Ticks fall on epoch seconds divisible by the period, so replicas that compute them alone agree. */
class RunWindowTest {

  @Test
  void ticksAreAlignedToThePeriodInsideTheWindow() {
    RunWindow window = new RunWindow(101, 110);

    assertEquals(102, window.firstTick(2));
    assertEquals(102, window.firstTick(3));
    assertEquals(101, window.firstTick(1));
    assertEquals(Arrays.asList(102L, 105L, 108L), window.ticks(3));
    assertEquals(Collections.emptyList(), new RunWindow(101, 102).ticks(2));
  }

  @Test
  void theEndIsExclusive() {
    RunWindow window = new RunWindow(100, 102);

    assertTrue(window.contains(100));
    assertTrue(window.contains(101));
    assertFalse(window.contains(102));
    assertFalse(window.contains(99));
  }

  @Test
  void anEmptyWindowIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new RunWindow(100, 100));
  }
}
