package io.github.distlock.agent.core.instrument;

/**
 * Answers one question about a class file without parsing it into anything: does its constant pool hold a given
 * UTF-8 entry? Every class the JVM loads passes through here, so it only walks entry headers and compares the
 * bytes of entries of the right length: a few hundred steps per class instead of one per byte.
 */
final class ConstantPool {

  private static final int MAGIC = 0xCAFEBABE;
  private static final int HEADER = 10;

  private ConstantPool() {}

  /**
   * Whether {@code classFile}'s constant pool has a UTF-8 entry equal to {@code ascii} (not empty). A pool with a
   * tag this code does not know (a class file version newer than it) is searched byte by byte instead, so a lock
   * is never missed; a file cut short or not a class file at all answers {@code false}, as the JVM will reject it
   * anyway. Never throws.
   */
  static boolean hasUtf8(byte[] classFile, byte[] ascii) {
    if (classFile.length < HEADER || readInt(classFile, 0) != MAGIC) {
      return false;
    }
    int count = readShort(classFile, 8);
    int pos = HEADER;
    int index = 1;
    while (index < count) {
      if (pos >= classFile.length) {
        return false;
      }
      switch (classFile[pos]) {
        case 1: // Utf8
          if (pos + 3 > classFile.length) {
            return false;
          }
          int length = readShort(classFile, pos + 1);
          if (length == ascii.length && regionEquals(classFile, pos + 3, ascii)) {
            return true;
          }
          pos += 3 + length;
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          pos += 3;
          break;
        case 15: // MethodHandle
          pos += 4;
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          pos += 5;
          break;
        case 5: // Long
        case 6: // Double
          // Eight bytes, and the next index is unusable (JVMS 4.4.5).
          pos += 9;
          index++;
          break;
        default:
          return indexOf(classFile, ascii) >= 0;
      }
      index++;
    }
    return false;
  }

  /** Where {@code pattern} first occurs in {@code bytes}, or -1. */
  static int indexOf(byte[] bytes, byte[] pattern) {
    int last = bytes.length - pattern.length;
    for (int i = 0; i <= last; i++) {
      if (bytes[i] == pattern[0] && regionEquals(bytes, i, pattern)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean regionEquals(byte[] bytes, int offset, byte[] pattern) {
    if (offset + pattern.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < pattern.length; j++) {
      if (bytes[offset + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  private static int readShort(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
  }

  private static int readInt(byte[] bytes, int offset) {
    return (readShort(bytes, offset) << 16) | readShort(bytes, offset + 2);
  }
}
