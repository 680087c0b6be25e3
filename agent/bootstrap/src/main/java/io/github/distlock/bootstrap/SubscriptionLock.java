package io.github.distlock.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lock of a reactive result ({@code Mono}, {@code Flux}), in the JDK's functional types that a reactive
 * library's {@code using} operator takes: the lock is taken when a subscriber subscribes and released when that
 * subscription completes, fails or is cancelled; a subscription that finds the lock busy gets {@code skipped}
 * (an empty publisher) instead of the source. The advice, inlined into the application's class, hands it to the
 * application's own reactive library, so the bridge never sees that library's types.
 *
 * <p>Each subscription is locked on its own: what {@link #call} returns is that subscription's resource, which
 * {@link #apply} and {@link #accept} receive. For a library whose {@code using} takes functional interfaces of its
 * own (RxJava), {@link #as} implements them with a JDK proxy.
 */
public final class SubscriptionLock
    implements Callable<Object>, Function<Object, Object>, Consumer<Object>, InvocationHandler {

  private static final ErrorHooks ON_ERROR = new ErrorHooks();

  private final int siteId;
  private final Object[] args;
  private final Object source;
  private final Object skipped;

  /**
   * @param args the call's arguments, for a key built from them
   * @param source what the locked method returned
   * @param skipped what a subscription that did not get the lock subscribes to instead
   */
  public SubscriptionLock(int siteId, Object[] args, Object source, Object skipped) {
    this.siteId = siteId;
    this.args = args;
    this.source = source;
    this.skipped = skipped;
  }

  /** At subscription: takes the lock; never throws, never returns {@code null}. */
  @Override
  public Object call() {
    return LockBridge.enterSubscription(siteId, args);
  }

  @Override
  public Object apply(Object lock) {
    if (lock == LockBridge.SKIP) {
      return skipped;
    }
    return lock instanceof CompletableFuture ? failuresTo((CompletableFuture<?>) lock) : source;
  }

  /**
   * The source, with its error signal passed to the subscription's lock before the subscription ends, so that the
   * run is recorded as failed with it: the library's own {@code doOnError}, found by name (Reactor takes the JDK's
   * {@code Consumer}, RxJava its own, implemented with a JDK proxy). A library without one gets the source as it
   * is, and its runs are recorded without their failures.
   */
  private Object failuresTo(CompletableFuture<?> lock) {
    try {
      Method onError = ON_ERROR.get(source.getClass());
      if (onError != null) {
        return onError.invoke(source, failureConsumer(onError.getParameterTypes()[0], lock));
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // The lock is still released when the subscription ends.
    }
    return source;
  }

  private static Object failureConsumer(Class<?> type, CompletableFuture<?> lock) {
    if (type == Consumer.class) {
      return (Consumer<Throwable>) lock::completeExceptionally;
    }
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
      if (method.getName().equals("accept")) {
        lock.completeExceptionally((Throwable) arguments[0]);
        return null;
      }
      return objectMethod(proxy, method, arguments, "distlock's error observer of a subscription");
    });
  }

  /** When the subscription ends, however it ends. */
  @Override
  public void accept(Object lock) {
    LockBridge.exitSubscription(lock);
  }

  /**
   * This lock as a library's own supplier, function and consumer interfaces, each with one method that
   * {@link #call}, {@link #apply} and {@link #accept} implement: RxJava's {@code get}, {@code apply} and
   * {@code accept}.
   */
  public Object as(Class<?> supplier, Class<?> function, Class<?> consumer) {
    return Proxy.newProxyInstance(supplier.getClassLoader(), new Class<?>[] {supplier, function, consumer}, this);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] arguments) {
    switch (method.getName()) {
      case "get":
        return call();
      case "apply":
        return apply(arguments[0]);
      case "accept":
        accept(arguments[0]);
        return null;
      default:
        return objectMethod(proxy, method, arguments, "distlock's lock of a subscription");
    }
  }

  /** {@code equals}, {@code hashCode} and {@code toString} of a proxy of distlock's: identity, and its name. */
  private static Object objectMethod(Object proxy, Method method, Object[] arguments, String name) {
    switch (method.getName()) {
      case "equals":
        return proxy == arguments[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return name;
    }
  }

  /**
   * Each publisher class's one-argument {@code doOnError}, or {@code null}: looked up once per class, not per
   * subscription. Named, because the agent defines the bridge's classes by name.
   */
  static final class ErrorHooks extends ClassValue<Method> {
    @Override
    protected Method computeValue(Class<?> type) {
      for (Method method : type.getMethods()) {
        Class<?>[] parameters = method.getParameterTypes();
        if (method.getName().equals("doOnError") && parameters.length == 1 && parameters[0].isInterface()) {
          return method;
        }
      }
      return null;
    }
  }
}
