package io.github.distlock.agent.core.lock;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * The lock one call of a Kotlin {@code suspend} function took, kept until that call's work completes. It stands in
 * for the continuation the caller passed: the compiled function makes it the completion of its state machine, so
 * the function's resumptions can be told from new calls, and its {@code resumeWith}, called once when the work
 * completes, normally or not, settles the lock before the caller resumes, on the caller's own dispatcher.
 *
 * <p>Kotlin's types belong to the application, so the stand-in is a JDK proxy of the application's
 * {@code kotlin.coroutines.Continuation} interface, and the state machine is read by reflection.
 */
final class CoroutineLock implements InvocationHandler {

  private static final String CONTINUATION = "kotlin.coroutines.Continuation";
  private static final String BASE_FRAME = "kotlin.coroutines.jvm.internal.BaseContinuationImpl";
  private static final String FRAME = "kotlin.coroutines.jvm.internal.ContinuationImpl";
  /** The state machine's field that says where to resume; its sign bit is set while a resumption calls in. */
  private static final String LABEL = "label";
  private static final Method NO_METHOD = noMethod();

  private static final ClassValue<Method> COMPLETION = methodOf(BASE_FRAME, "getCompletion");
  private static final ClassValue<Method> INTERCEPTED = methodOf(FRAME, "intercepted");

  private static final ClassValue<Field> RESUMING = new ClassValue<Field>() {
    @Override
    protected Field computeValue(Class<?> type) {
      try {
        Field label = type.getDeclaredField(LABEL);
        label.setAccessible(true);
        return label.getType() == int.class ? label : null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        // No such field (not a compiled state machine), or a module that does not open it.
        return null;
      }
    }
  };

  private static final ClassValue<Class<?>> CONTINUATION_TYPE = new ClassValue<Class<?>>() {
    @Override
    protected Class<?> computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        Class<?> found = find(c);
        if (found != null) {
          return found;
        }
      }
      throw new IllegalArgumentException(type.getName() + " is not a " + CONTINUATION);
    }

    private Class<?> find(Class<?> type) {
      if (type.getName().equals(CONTINUATION)) {
        return type;
      }
      for (Class<?> implemented : type.getInterfaces()) {
        Class<?> found = find(implemented);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
  };

  final int siteId;
  /** {@code null} when the call runs without a lock, as the fail mode said. */
  final Lease lease;
  /** Completed when the call's work has completed: the lock waits for it. */
  final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Object caller;
  private final Object standIn;

  /** @param caller the continuation the caller passed; the function's result is handed on to it */
  CoroutineLock(int siteId, Lease lease, Object caller) {
    this.siteId = siteId;
    this.lease = lease;
    this.caller = caller;
    Class<?> continuation = CONTINUATION_TYPE.get(caller.getClass());
    this.standIn = Proxy.newProxyInstance(continuation.getClassLoader(), new Class<?>[] {continuation}, this);
  }

  /** The continuation to pass to the function in place of the caller's. */
  Object standIn() {
    return standIn;
  }

  /**
   * The lock of the call that {@code continuation} resumes, when it is the state machine of a call of
   * {@code siteId}'s function coming back after a suspension; {@code null} for any other call, including one the
   * function makes of itself.
   */
  static CoroutineLock resumedBy(Object continuation, int siteId) {
    Object completion = call(COMPLETION.get(continuation.getClass()), continuation);
    if (completion == null || !Proxy.isProxyClass(completion.getClass())) {
      return null;
    }
    InvocationHandler handler = Proxy.getInvocationHandler(completion);
    if (!(handler instanceof CoroutineLock) || ((CoroutineLock) handler).siteId != siteId) {
      return null;
    }
    return isResuming(continuation) ? (CoroutineLock) handler : null;
  }

  /** What a coroutine completed with, when it failed: Kotlin passes a failed {@code Result} as its boxed failure. */
  private static Throwable failureOf(Object result) {
    if (result == null || !result.getClass().getName().equals("kotlin.Result$Failure")) {
      return null;
    }
    try {
      Field exception = result.getClass().getDeclaredField("exception");
      exception.setAccessible(true);
      return (Throwable) exception.get(result);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A Kotlin whose Result is laid out otherwise: the run is recorded without its failure.
      return null;
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object target = caller;
    switch (method.getName()) {
      case "resumeWith":
        // Before the caller resumes: its next call of the same function must find the lock free. The function's
        // work may complete on any thread (a timer's, an I/O thread); the caller resumes on its own dispatcher.
        if (lease != null) {
          lease.failed(failureOf(args[0]));
        }
        done.complete(null);
        Object intercepted = call(INTERCEPTED.get(caller.getClass()), caller);
        target = intercepted == null ? caller : intercepted;
        break;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "distlock's continuation of " + caller;
      default:
        break;
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  // Where the state machine's label cannot be read, a call whose frame belongs to this lock counts as resuming.
  private static boolean isResuming(Object frame) {
    Field label = RESUMING.get(frame.getClass());
    if (label == null) {
      return true;
    }
    try {
      return (label.getInt(frame) & Integer.MIN_VALUE) != 0;
    } catch (IllegalAccessException e) {
      return true;
    }
  }

  private static Object call(Method method, Object target) {
    if (method == NO_METHOD) {
      return null;
    }
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The public no-argument method {@code name} of the Kotlin class {@code declaringClass}, for its subclasses. */
  private static ClassValue<Method> methodOf(String declaringClass, String name) {
    return new ClassValue<Method>() {
      @Override
      protected Method computeValue(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          if (c.getName().equals(declaringClass)) {
            try {
              return c.getMethod(name);
            } catch (NoSuchMethodException e) {
              return NO_METHOD;
            }
          }
        }
        return NO_METHOD;
      }
    };
  }

  private static Method noMethod() {
    try {
      return Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
