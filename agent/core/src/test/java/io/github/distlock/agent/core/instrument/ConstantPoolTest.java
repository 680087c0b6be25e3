package io.github.distlock.agent.core.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The prefilter's question, asked of every class the JVM loads: a wrong answer either misses a lock (the job runs
 * twice) or sends classes to Byte Buddy for nothing.
 */
class ConstantPoolTest {

  private static final byte[] LOCK = LockAnnotation.DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);

  @Test
  void findsTheAnnotationAfterConstantsOfEveryKind() {
    assertTrue(ConstantPool.hasUtf8(poolOfEveryKind(true), LOCK));
  }

  @Test
  void rejectsAPoolOfEveryKindThatMentionsTheAnnotationOnlyInsideOtherEntries() {
    // A walk that loses count falls back to searching every byte, which would find the decoys: so this also
    // checks that the walk reads every kind of entry right.
    assertFalse(ConstantPool.hasUtf8(poolOfEveryKind(false), LOCK));
  }

  @Test
  void answersFalseForTruncatedOrForeignBytes() {
    ClassWriter writer = classWriter();
    writer.visitMethod(Opcodes.ACC_PUBLIC, "job", "()V", null, null).visitAnnotation(LockAnnotation.DESCRIPTOR, true);
    byte[] whole = writer.toByteArray();
    int descriptorStart = ConstantPool.indexOf(whole, LOCK);

    for (int length = 0; length < descriptorStart + LOCK.length; length++) {
      assertFalse(ConstantPool.hasUtf8(Arrays.copyOf(whole, length), LOCK), "truncated to " + length + " bytes");
    }
    assertFalse(ConstantPool.hasUtf8(LockAnnotation.DESCRIPTOR.getBytes(StandardCharsets.US_ASCII), LOCK));
  }

  @Test
  void searchesEveryByteWhenThePoolHasAnUnknownTag() {
    ClassWriter writer = classWriter();
    writer.newConst("placeholder");
    writer.visitMethod(Opcodes.ACC_PUBLIC, "job", "()V", null, null).visitAnnotation(LockAnnotation.DESCRIPTOR, true);
    byte[] bytes = writer.toByteArray();
    // The first entry is the class name's UTF-8; turn it into a tag no JVM defines yet.
    bytes[10] = 99;

    assertTrue(ConstantPool.hasUtf8(bytes, LOCK));
  }

  @Test
  void findsTheLastUtf8EntryOfEveryClassOfARealLibrary() throws IOException, URISyntaxException {
    Path jar = Path.of(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    int classes = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = file.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        classes++;
        // ASM's reader finds the entries independently; the last one is only reached by a walk that counted
        // every entry before it right.
        assertTrue(ConstantPool.hasUtf8(bytes, lastUtf8Entry(bytes)), entry.getName());
        assertFalse(ConstantPool.hasUtf8(bytes, LOCK), entry.getName());
      }
    }
    assertTrue(classes > 1000, classes + " classes");
  }

  private static byte[] lastUtf8Entry(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    for (int index = reader.getItemCount() - 1; index > 0; index--) {
      int offset = reader.getItem(index);
      if (offset > 0 && classFile[offset - 1] == 1) {
        int length = reader.readUnsignedShort(offset);
        return Arrays.copyOfRange(classFile, offset + 2, offset + 2 + length);
      }
    }
    throw new AssertionError("no UTF-8 entry");
  }

  private static byte[] poolOfEveryKind(boolean withLock) {
    ClassWriter writer = classWriter();
    writer.newConst(42L);
    writer.newConst(4.2d);
    writer.newConst(7);
    writer.newConst(1.5f);
    writer.newField("x/Job", "count", "I");
    writer.newMethod("x/Job", "run", "()V", false);
    writer.newMethod("x/Task", "run", "()V", true);
    Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, "x/Boot", "make",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
    writer.newHandle(Opcodes.H_GETSTATIC, "x/Job", "count", "I", false);
    writer.newMethodType("()V");
    writer.newConstantDynamic("value", "Ljava/lang/Object;", bootstrap);
    writer.newInvokeDynamic("call", "()V", bootstrap);
    writer.newModule("x.module");
    writer.newPackage("x/pkg");
    writer.newUTF8("Lio/github/distlock/DistributedLocks;");
    writer.newConst("see " + LockAnnotation.DESCRIPTOR + " for details");
    writer.newConst(43L);
    if (withLock) {
      // Last in the pool, after every kind of entry: a walk that miscounts any of them misses it.
      writer.visitMethod(Opcodes.ACC_PUBLIC, "job", "()V", null, null)
          .visitAnnotation(LockAnnotation.DESCRIPTOR, true);
    }
    return writer.toByteArray();
  }

  private static ClassWriter classWriter() {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "x/Job", null, "java/lang/Object", null);
    return writer;
  }
}
