package io.github.distlock.agent.core.instrument;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
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
  /**
   * Declared as Reactor's {@code Mono}: each subscription holds the lock until it completes, fails or is cancelled;
   * a subscription that finds the lock busy, or a skipped call, gets an empty {@code Mono}.
   */
  MONO,
  /** As {@link #MONO}, for Reactor's {@code Flux}. */
  FLUX,
  /** As {@link #MONO}, for RxJava 3's {@code Flowable}. */
  FLOWABLE,
  /** As {@link #MONO}, for RxJava 3's {@code Observable}. */
  OBSERVABLE,
  /** As {@link #MONO}, for RxJava 3's {@code Maybe}. */
  MAYBE,
  /** As {@link #MONO}, for RxJava 3's {@code Completable}; a skipped subscription completes. */
  COMPLETABLE,
  /**
   * A Kotlin {@code suspend} function: one acquisition for the whole coroutine call, released when it completes;
   * a skipped call returns the declared result type's default.
   */
  SUSPEND,
  /** An asynchronous result the agent cannot follow: released on return, before the work it stands for is done. */
  UNFOLLOWED;

  private static final String MONO_TYPE = "reactor.core.publisher.Mono";
  private static final String FLUX_TYPE = "reactor.core.publisher.Flux";
  private static final String RXJAVA = "io.reactivex.rxjava3.core.";
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
    if (name.equals(MONO_TYPE)) {
      return MONO;
    }
    if (name.equals(FLUX_TYPE)) {
      return FLUX;
    }
    if (name.startsWith(RXJAVA)) {
      switch (name.substring(RXJAVA.length())) {
        case "Flowable":
          return FLOWABLE;
        case "Observable":
          return OBSERVABLE;
        case "Maybe":
          return MAYBE;
        case "Completable":
          return COMPLETABLE;
        default:
          // Single cannot complete without a value, so a skipped subscription would have nothing to return.
          return UNFOLLOWED;
      }
    }
    if (descriptor.endsWith("L" + CONTINUATION.replace('.', '/') + ";)Ljava/lang/Object;")) {
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

  /** How long a call holds its lock, in a few words. */
  String lockHeld() {
    switch (this) {
      case PLAIN:
      case OPTIONAL:
        return "until return";
      case STAGE:
      case OWN_STAGE:
        return "until the result settles";
      case SUSPEND:
        return "until the coroutine completes";
      case UNFOLLOWED:
        return "until return (result not followed)";
      default:
        return "per subscription, until it ends";
    }
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
            + " when the method returns, before the work it started is done; return a CompletionStage, a Reactor"
            + " Mono or Flux, or an RxJava Flowable, Observable, Maybe or Completable to hold the lock until it"
            + " settles";
      default:
        return null;
    }
  }

  /**
   * The result type a Kotlin {@code suspend} function declares, from its continuation parameter's signature
   * ({@code Continuation<? super kotlin.Unit>}), or an empty string when the class file does not say.
   */
  static String suspendResultType(MethodDescription method) {
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
