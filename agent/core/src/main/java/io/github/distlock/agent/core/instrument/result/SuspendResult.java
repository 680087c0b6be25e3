package io.github.distlock.agent.core.instrument.result;

import io.github.distlock.bootstrap.LockBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * A Kotlin {@code suspend} function: one acquisition for the whole coroutine call, released when it completes. The
 * compiled function takes the coroutine's continuation as its last argument and is called again at every
 * resumption; the bridge recognises resumptions, and on a first call replaces the continuation with one that keeps
 * the lock until the function's work completes. A skipped call returns the default of the declared result type
 * ({@code Unit}, {@code 0}, {@code false}, else {@code null}).
 *
 * <p>As in {@link LockAdvice}, an error of the advice itself makes the enter advice return {@code false}, which the
 * two enter variants read as their fail mode says.
 */
final class SuspendResult implements ResultKind {

  private static final String CONTINUATION_LAST = "Lkotlin/coroutines/Continuation;)Ljava/lang/Object;";

  @Override
  public boolean supports(ReturnType type) {
    return type.method().getDescriptor().endsWith(CONTINUATION_LAST);
  }

  @Override
  public String lockHeld() {
    return "until the coroutine completes";
  }

  @Override
  public Advice locking(AdviceClasses advice, WovenSite site) {
    return advice.constants(site).bind(SuspendResultType.class, resultType(site.returnType().method()))
        .to(site.failsOpen() ? FailOpenEnter.class : FailClosedEnter.class, Exit.class, advice.classes());
  }

  /**
   * The result type the function declares, from its continuation parameter's signature
   * ({@code Continuation<? super kotlin.Unit>}), or an empty string when the class file does not say.
   */
  private static String resultType(MethodDescription method) {
    try {
      TypeDescription.Generic continuation = method.getParameters().get(method.getParameters().size() - 1).getType();
      TypeDescription.Generic argument = continuation.getTypeArguments().getOnly();
      TypeDescription.Generic result = argument.getSort() == TypeDefinition.Sort.WILDCARD
          ? argument.getLowerBounds().getOnly()
          : argument;
      return result.asErasure().getName();
    } catch (RuntimeException e) {
      // No generic signature (an obfuscated or hand-written class file), or a type the signature cannot name.
      return "";
    }
  }

  /** Entry for {@code failMode=open}: returns whether to skip the body. */
  static final class FailOpenEnter {

    private FailOpenEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      Object[] call = args;
      lease = LockBridge.enterSuspend(siteId, call);
      args = call;
      return lease == LockBridge.SKIP;
    }
  }

  /** Entry for {@code failMode=closed}: returns whether to run the body. */
  static final class FailClosedEnter {

    private FailClosedEnter() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnDefaultValue.class, suppress = Throwable.class)
    static boolean enter(
        @LockSiteId int siteId,
        @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args,
        @Advice.Local("distlockLease") Object lease) {
      Object[] call = args;
      lease = LockBridge.enterSuspend(siteId, call);
      args = call;
      return lease != LockBridge.SKIP;
    }
  }

  /** Exit after either entry. */
  static final class Exit {

    private Exit() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @SuspendResultType String resultType,
        @Advice.Origin Class<?> declaringClass,
        @Advice.Local("distlockLease") Object lease,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown Throwable thrown) {
      if (lease == LockBridge.SKIP) {
        returned = LockBridge.skippedSuspendResult(resultType, declaringClass);
      } else {
        LockBridge.exitSuspend(lease, returned, thrown);
      }
    }
  }
}
