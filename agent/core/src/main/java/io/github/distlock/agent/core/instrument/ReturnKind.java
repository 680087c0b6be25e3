package io.github.distlock.agent.core.instrument;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import net.bytebuddy.description.method.MethodDescription;

/**
 * What a locked method returns, as far as the lock's lifetime is concerned, decided at weave time from the method's
 * declaration: a result that settles later keeps the lock until it does, and a skipped call must return a value
 * its caller can use.
 */
enum ReturnKind {

  /** Released on return; a skipped call returns the type's default value. */
  PLAIN,
  /** As {@link #PLAIN}, but a skipped call returns {@code Optional.empty()}. */
  OPTIONAL,
  /**
   * Declared as {@code CompletionStage} or {@code CompletableFuture}: released when the result settles; a skipped
   * call returns a future already completed with {@code null}.
   */
  STAGE,
  /**
   * Another subtype of {@code CompletionStage} (an application's own future class): released when the result
   * settles; a skipped call returns {@code null}, as the agent cannot make an instance of that class.
   */
  OWN_STAGE,
  /** An asynchronous result the agent cannot follow: released on return, before the work it stands for is done. */
  UNFOLLOWED,
  /**
   * A Kotlin {@code suspend} function: not locked at all. Each resumption calls the compiled method again, so
   * advice would take the lock anew at every resumption, and a busy lock would end the coroutine half-way.
   */
  SUSPEND;

  private static final String[] UNFOLLOWED_TYPES = {"org.reactivestreams.Publisher"};
  private static final String[] UNFOLLOWED_PREFIXES = {
    "reactor.core.publisher.", "io.reactivex.", "io.smallrye.mutiny.", "kotlinx.coroutines."
  };
  private static final String CONTINUATION = "kotlin.coroutines.Continuation";

  /**
   * Names come from the method's descriptor: resolving a type needs its class file, and a return type the
   * application's class path lacks must not keep the class's other methods from being locked.
   */
  static ReturnKind of(MethodDescription method) {
    String descriptor = method.getDescriptor();
    String name = typeName(descriptor.substring(descriptor.lastIndexOf(')') + 1));
    if (name.equals("java.util.Optional")) {
      return OPTIONAL;
    }
    if (name.equals(CompletionStage.class.getName())
        || name.equals("java.util.concurrent.CompletableFuture")) {
      return STAGE;
    }
    if (descriptor.contains("L" + CONTINUATION.replace('.', '/') + ";)")) {
      return SUSPEND;
    }
    if (isUnfollowed(name)) {
      return UNFOLLOWED;
    }
    if (name.isEmpty() || name.startsWith("java.lang.")) {
      return PLAIN;
    }
    if (isAssignable(method, CompletionStage.class)) {
      return OWN_STAGE;
    }
    // A Future that is no CompletionStage (FutureTask, Guava's ListenableFuture, a ScheduledFuture): no callback.
    return isAssignable(method, Future.class) ? UNFOLLOWED : PLAIN;
  }

  /** The start-up warning this kind deserves, or {@code null}. */
  String warning(MethodDescription method) {
    String descriptor = method.getDescriptor();
    String type = typeName(descriptor.substring(descriptor.lastIndexOf(')') + 1));
    switch (this) {
      case OWN_STAGE:
        return "returns " + type + ": the lock is held until the result settles, but a skipped call returns null,"
            + " as distlock cannot create a " + type + "; declare CompletionStage or CompletableFuture instead";
      case UNFOLLOWED:
        return "returns " + type + ": distlock cannot follow this asynchronous result yet, so the lock is released"
            + " when the method returns, before the work it started is done; return a CompletionStage to hold the"
            + " lock until it settles";
      case SUSPEND:
        return "is a Kotlin suspend function: distlock does not lock these yet (each resumption would take the lock"
            + " again), so it runs without a lock";
      default:
        return null;
    }
  }

  private static boolean isUnfollowed(String typeName) {
    for (String unfollowed : UNFOLLOWED_TYPES) {
      if (typeName.equals(unfollowed)) {
        return true;
      }
    }
    for (String prefix : UNFOLLOWED_PREFIXES) {
      if (typeName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The class name a field descriptor stands for; empty for a primitive, {@code void} or an array. */
  private static String typeName(String fieldDescriptor) {
    return fieldDescriptor.startsWith("L")
        ? fieldDescriptor.substring(1, fieldDescriptor.length() - 1).replace('/', '.')
        : "";
  }

  // Resolving the return type's hierarchy reads its class files through the method's class loader; a type that
  // cannot be found there is not one the agent could follow anyway.
  private static boolean isAssignable(MethodDescription method, Class<?> to) {
    try {
      return method.getReturnType().asErasure().isAssignableTo(to);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
