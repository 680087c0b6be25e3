package io.github.distlock.agent.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fencing counter lives under the key prefix and in the lock key's cluster slot, whatever the key holds. */
class FenceKeysTest {

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
    assertEquals(fence, FenceKeys.of(prefix, lockKey));
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
    String fence = FenceKeys.of(prefix, lockKey);
    assertTrue(fence.startsWith(prefix), fence);
    assertTrue(!fence.equals(lockKey), fence);
    assertEquals(ClusterSlots.slot(lockKey), ClusterSlots.slot(fence), fence);
  }
}
