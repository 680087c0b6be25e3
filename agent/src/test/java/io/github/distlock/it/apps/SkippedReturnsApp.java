package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.util.Optional;

/** Calls one locked method per return type while the test holds the lock: each must return its type's default. */
public final class SkippedReturnsApp {

  private static boolean anyBodyRan;

  @DistributedLock(key = "held")
  static int anInt() {
    anyBodyRan = true;
    return 7;
  }

  @DistributedLock(key = "held")
  static long aLong() {
    anyBodyRan = true;
    return 7L;
  }

  @DistributedLock(key = "held")
  static double aDouble() {
    anyBodyRan = true;
    return 7.5;
  }

  @DistributedLock(key = "held")
  static float aFloat() {
    anyBodyRan = true;
    return 7.5f;
  }

  @DistributedLock(key = "held")
  static short aShort() {
    anyBodyRan = true;
    return 7;
  }

  @DistributedLock(key = "held")
  static byte aByte() {
    anyBodyRan = true;
    return 7;
  }

  @DistributedLock(key = "held")
  static char aChar() {
    anyBodyRan = true;
    return 'x';
  }

  @DistributedLock(key = "held")
  static boolean aBoolean() {
    anyBodyRan = true;
    return true;
  }

  @DistributedLock(key = "held")
  static String anObject() {
    anyBodyRan = true;
    return "ran";
  }

  @DistributedLock(key = "held")
  static Optional<String> anOptional() {
    anyBodyRan = true;
    return Optional.of("ran");
  }

  @DistributedLock(key = "held")
  static void aVoid() {
    anyBodyRan = true;
  }

  public static void main(String[] args) {
    AppSupport.awaitConnected();
    AppSupport.result("int", anInt());
    AppSupport.result("long", aLong());
    AppSupport.result("double", aDouble());
    AppSupport.result("float", aFloat());
    AppSupport.result("short", aShort());
    AppSupport.result("byte", aByte());
    AppSupport.result("char", (int) aChar());
    AppSupport.result("boolean", aBoolean());
    AppSupport.result("object", anObject());
    Optional<String> optional = anOptional();
    AppSupport.result("optional", optional == null ? "null" : optional.toString());
    aVoid();
    AppSupport.result("anyBodyRan", anyBodyRan);
  }
}
