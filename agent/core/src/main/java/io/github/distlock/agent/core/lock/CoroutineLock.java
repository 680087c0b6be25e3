package io.github.distlock.agent.core.lock;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * The lock one Kotlin coroutine took by calling a {@code suspend} function, kept until the coroutine completes. It
 * stands in for the continuation the caller passed: the compiled function hands it on as the completion of its
 * state machine, so the function's resumptions can be told from new calls, and its {@code resumeWith}, called once
 * when the function's work completes, normally or not, settles the lock before the caller resumes.
 *
 * <p>Kotlin's types belong to the application, so the stand-in is a JDK proxy of the application's
 * {@code kotlin.coroutines.Continuation} interface, and the coroutine's frames are read by reflection.
 */
final class CoroutineLock implements InvocationHandler {

  private static final String CONTINUATION = "kotlin.coroutines.Continuation";
  private static final String FRAME = "kotlin.coroutines.jvm.internal.BaseContinuationImpl";
  // Deeper call chains are searched no further: a coroutine that deep is not resuming this function's frame.
  private static final int MAX_FRAMES = 64;
  private static final Method NO_METHOD = noMethod();

  private static final ClassValue<Method> COMPLETION = new ClassValue<Method>() {
    @Override
    protected Method computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        if (c.getName().equals(FRAME)) {
          try {
            return c.getMethod("getCompletion");
          } catch (NoSuchMethodException e) {
            return NO_METHOD;
          }
        }
      }
      return NO_METHOD;
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
  /** {@code null} when the coroutine runs without a lock, as the fail mode said. */
  final Lease lease;
  /** Completed when the function's work has completed: the lock waits for it. */
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
   * The lock that {@code siteId}'s function took in the coroutine {@code continuation} belongs to, or {@code null}:
   * found when the call is a resumption of that function, or a call it makes again, directly or not.
   */
  static CoroutineLock of(Object continuation, int siteId) {
    Object frame = continuation;
    for (int i = 0; frame != null && i < MAX_FRAMES; i++) {
      Class<?> type = frame.getClass();
      if (Proxy.isProxyClass(type)) {
        InvocationHandler handler = Proxy.getInvocationHandler(frame);
        if (!(handler instanceof CoroutineLock)) {
          return null;
        }
        CoroutineLock lock = (CoroutineLock) handler;
        if (lock.siteId == siteId) {
          return lock;
        }
        frame = lock.caller;
      } else {
        frame = completion(frame);
      }
    }
    return null;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "resumeWith":
        // Before the caller resumes: its next call of the same function must find the lock free.
        done.complete(null);
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
      return method.invoke(caller, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The frame that {@code frame} returns its result to, or {@code null} when it is no compiled function's frame. */
  private static Object completion(Object frame) {
    Method getter = COMPLETION.get(frame.getClass());
    if (getter == NO_METHOD) {
      return null;
    }
    try {
      return getter.invoke(frame);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Method noMethod() {
    try {
      return Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
