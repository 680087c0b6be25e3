package io.github.distlock.agent.core.redis;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384. The hash tag is
 * the text between the first {@code '{'} and the first {@code '}'} after it, when that text is not empty.
 */
final class ClusterSlots {

  static final int SLOTS = 16_384;

  private static final int[] TABLE = crcTable();

  private ClusterSlots() {}

  static int slot(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int open = indexOf(bytes, (byte) '{', 0);
    if (open >= 0) {
      int close = indexOf(bytes, (byte) '}', open + 1);
      if (close > open + 1) {
        return crc16(bytes, open + 1, close) % SLOTS;
      }
    }
    return crc16(bytes, 0, bytes.length) % SLOTS;
  }

  /** Whether the slot of {@code key} comes from a hash tag rather than the whole key. */
  static boolean hasHashTag(String key) {
    int open = key.indexOf('{');
    return open >= 0 && key.indexOf('}', open + 1) > open + 1;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int crc16(byte[] bytes, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xff]) & 0xffff;
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] table = new int[256];
    for (int n = 0; n < 256; n++) {
      int crc = n << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      table[n] = crc & 0xffff;
    }
    return table;
  }
}
