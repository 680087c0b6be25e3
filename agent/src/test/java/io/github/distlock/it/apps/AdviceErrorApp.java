package io.github.distlock.it.apps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Calls {@link StrippedReactorJob}'s locked method three times through a class loader whose
 * {@code reactor.core.publisher.Mono} has {@code empty()} but not {@code using(...)}, as a stripped or very old copy
 * of Reactor would: the advice woven into the method fails on every call. Reports what each call returned and the
 * agent's {@code adviceErrors} counter.
 */
public final class AdviceErrorApp {

  // By name: a class literal would load the job into the application's own loader as well.
  private static final String JOB = "io.github.distlock.it.apps.StrippedReactorJob";
  private static final String MONO = "reactor.core.publisher.Mono";
  private static final int CALLS = 3;

  public static void main(String[] args) throws Exception {
    ClassLoader loader = new StrippedReactorLoader(AdviceErrorApp.class.getClassLoader());
    Class<?> jobClass = loader.loadClass(JOB);
    Object job = jobClass.getConstructor().newInstance();
    for (int i = 0; i < CALLS; i++) {
      Object returned = jobClass.getMethod("report").invoke(job);
      AppSupport.result("call." + i, returned == null ? "null" : returned.getClass().getName());
    }
    AppSupport.result("adviceErrors", total("adviceErrors"));
  }

  private static Object total(String counter) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName locks = new ObjectName("io.github.distlock:type=Locks");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!server.isRegistered(locks)) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the agent registered no MBean within 30 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return ((CompositeData) server.getAttribute(locks, "Total")).get(counter);
  }

  /** Defines the job and a stripped {@code Mono} itself, and leaves every other class to its parent. */
  private static final class StrippedReactorLoader extends ClassLoader {

    StrippedReactorLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(JOB) && !name.equals(MONO)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = name.equals(JOB) ? classFile(name) : strippedMono();
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }

    // The agent reads the class files of a method's types through its loader, as it would from a jar.
    @Override
    public InputStream getResourceAsStream(String name) {
      return name.equals(MONO.replace('.', '/') + ".class") ? new ByteArrayInputStream(strippedMono())
          : super.getResourceAsStream(name);
    }

    private byte[] classFile(String name) {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** {@code public class Mono { public Mono() {} public static Mono empty() { return new Mono(); } }}. */
    private static byte[] strippedMono() {
      String internal = MONO.replace('.', '/');
      ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      writer.visit(Opcodes.V1_8, Opcodes.ACC_PUBLIC, internal, null, "java/lang/Object", null);
      MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
      init.visitCode();
      init.visitVarInsn(Opcodes.ALOAD, 0);
      init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
      init.visitInsn(Opcodes.RETURN);
      init.visitMaxs(0, 0);
      init.visitEnd();
      MethodVisitor empty =
          writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "empty", "()L" + internal + ";", null, null);
      empty.visitCode();
      empty.visitTypeInsn(Opcodes.NEW, internal);
      empty.visitInsn(Opcodes.DUP);
      empty.visitMethodInsn(Opcodes.INVOKESPECIAL, internal, "<init>", "()V", false);
      empty.visitInsn(Opcodes.ARETURN);
      empty.visitMaxs(0, 0);
      empty.visitEnd();
      writer.visitEnd();
      return writer.toByteArray();
    }
  }
}
