package io.github.distlock.agent.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A lock key's fencing counter and run history live under the key prefix and in the lock key's cluster slot,
 * whatever the key holds, and name the lock key they belong to.
 */
class CompanionKeysTest {

  // Slots as Redis computes them (CLUSTER KEYSLOT on a cluster-enabled redis-server 7.0).
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"foo, 12182", "bar, 5061", "somekey, 11058", "foo{hash_tag}, 2515", "{hash_tag}, 2515",
      "'{}foo', 9500", "'foo{}{bar}', 8363", "'{user1000}.following', 3443"})
  void slotsMatchRedis(String key, int slot) {
    assertEquals(slot, ClusterSlots.slot(key));
  }

  @ParameterizedTest(name = "prefix \"{0}\" key \"{1}\" -> {2}")
  @CsvSource({
    "'', cron:daily, '{cron:daily}:fence'",
    "'myapp:', 'myapp:cron:daily', 'myapp:{myapp:cron:daily}:fence'",
    "'{myapp}:', '{myapp}:cron:daily', '{myapp}:cron:daily:fence'",
    "'myapp:', 'myapp:{tenant-7}:report', 'myapp:{tenant-7}:report:fence'"
  })
  void readableNamesWhereTheSlotAllows(String prefix, String lockKey, String fence) {
    assertEquals(fence, CompanionKeys.fence(prefix, lockKey));
  }

  @ParameterizedTest(name = "prefix \"{0}\" key \"{1}\"")
  @CsvSource({
    "'', plain",
    "'myapp:', 'myapp:job'",
    "'{myapp}:', '{myapp}:job'",
    "'app:', 'app:{}job'",
    "'app:', 'app:job{'",
    "'app:', 'app:job}'",
    "'app:', 'app:}{x'",
    "'a{b', 'a{bjob'",
    "'a{}', 'a{}job'",
    "'app:', 'app:{}{x}'",
    "'app:', 'app:ünï{cø'",
  })
  void underThePrefixAndInTheLockKeysSlot(String prefix, String lockKey) {
    for (String companion : List.of(CompanionKeys.fence(prefix, lockKey), CompanionKeys.runs(prefix, lockKey))) {
      assertTrue(companion.startsWith(prefix), companion);
      assertTrue(!companion.equals(lockKey), companion);
      assertEquals(ClusterSlots.slot(lockKey), ClusterSlots.slot(companion), companion);
    }
    assertEquals(lockKey, CompanionKeys.lockKeyOf(prefix, CompanionKeys.runs(prefix, lockKey), CompanionKeys.RUNS));
    assertEquals(lockKey, CompanionKeys.lockKeyOf(prefix, CompanionKeys.fence(prefix, lockKey), CompanionKeys.FENCE));
  }

  @ParameterizedTest(name = "{1} under prefix \"{0}\"")
  @CsvSource({"'myapp:', 'myapp:job'", "'myapp:', 'myapp:{myapp:job}:fence'", "'app:', 'app:job:runs'"})
  void aLockKeyIsNoCompanion(String prefix, String key) {
    assertNull(CompanionKeys.lockKeyOf(prefix, key, CompanionKeys.RUNS));
  }
}
