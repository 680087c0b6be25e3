package io.github.distlock.agent.core.instrument;

import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The handler Byte Buddy runs, inside the application's method, with what a lock site's advice threw: it hands the
 * error to {@link LockBridge#adviceFailed} with the site's id. The handler itself runs outside the advice's
 * protection, and the bridge may be what failed (a class loader that stops delegating to the boot loader after the
 * class was woven): so the call is guarded in turn, and an error of the handler is dropped, as Byte Buddy drops the
 * advice's error by default. Nothing may reach the application.
 */
final class AdviceFailureHandler implements StackManipulation {

  private static final String BRIDGE = Type.getInternalName(LockBridge.class);
  private static final String THROWABLE = Type.getInternalName(Throwable.class);
  /** Takes the error from the stack, with the site's id pushed on top of it. */
  private static final Size SIZE = new Size(-1, 2);

  private final int siteId;

  AdviceFailureHandler(int siteId) {
    this.siteId = siteId;
  }

  @Override
  public boolean isValid() {
    return true;
  }

  // try { LockBridge.adviceFailed(error, siteId); } catch (Throwable dropped) { }
  @Override
  public Size apply(MethodVisitor method, Implementation.Context context) {
    Label call = new Label();
    Label called = new Label();
    Label dropped = new Label();
    Label done = new Label();
    // Class files older than Java 6 have no stack map frames.
    boolean frames = context.getClassFileVersion().isAtLeast(ClassFileVersion.JAVA_V6);
    method.visitTryCatchBlock(call, called, dropped, THROWABLE);
    method.visitLabel(call);
    IntegerConstant.forValue(siteId).apply(method, context);
    method.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "adviceFailed", "(L" + THROWABLE + ";I)V", false);
    method.visitLabel(called);
    method.visitJumpInsn(Opcodes.GOTO, done);
    method.visitLabel(dropped);
    if (frames) {
      method.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {THROWABLE});
    }
    method.visitInsn(Opcodes.POP);
    method.visitLabel(done);
    if (frames) {
      method.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    }
    return SIZE;
  }
}
