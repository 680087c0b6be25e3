package io.github.distlock.agent.core.instrument;

import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;

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
  UNFOLLOWED;

  private static final String[] UNFOLLOWED_TYPES = {
    "java.util.concurrent.Future", "reactor.core.publisher.Mono", "reactor.core.publisher.Flux",
    "kotlinx.coroutines.Deferred", "kotlinx.coroutines.Job", "kotlinx.coroutines.flow.Flow"
  };
  private static final String[] UNFOLLOWED_PREFIXES = {"io.reactivex."};
  private static final String CONTINUATION = "kotlin.coroutines.Continuation";

  static ReturnKind of(MethodDescription method) {
    TypeDescription type = method.getReturnType().asErasure();
    String name = type.getName();
    if (name.equals("java.util.Optional")) {
      return OPTIONAL;
    }
    if (name.equals(CompletionStage.class.getName())
        || name.equals("java.util.concurrent.CompletableFuture")) {
      return STAGE;
    }
    if (isSuspendFunction(method) || isUnfollowed(name)) {
      return UNFOLLOWED;
    }
    if (!type.isPrimitive() && !type.isArray() && !name.startsWith("java.lang.") && isStage(type)) {
      return OWN_STAGE;
    }
    return PLAIN;
  }

  /** The start-up warning this kind deserves, or {@code null}. */
  String warning(MethodDescription method) {
    String type = method.getReturnType().asErasure().getName();
    switch (this) {
      case OWN_STAGE:
        return "returns " + type + ": the lock is held until the result settles, but a skipped call returns null,"
            + " as distlock cannot create a " + type + "; declare CompletionStage or CompletableFuture instead";
      case UNFOLLOWED:
        return (isSuspendFunction(method) ? "is a Kotlin suspend function" : "returns " + type)
            + ": distlock cannot follow this asynchronous result yet, so the lock is released when the method"
            + " returns, before the work it started is done; return a CompletionStage to hold the lock until it"
            + " settles";
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

  private static boolean isSuspendFunction(MethodDescription method) {
    ParameterList<?> parameters = method.getParameters();
    return !parameters.isEmpty()
        && parameters.get(parameters.size() - 1).getType().asErasure().getName().equals(CONTINUATION);
  }

  // Resolving the type's hierarchy reads its class files through the method's class loader; a type that cannot be
  // found there is not one the agent could follow anyway.
  private static boolean isStage(TypeDescription type) {
    try {
      return type.isAssignableTo(CompletionStage.class);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
