package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Locked methods of every kind the agent must handle, and one class loaded by an isolated class loader. Each body
 * reports whether its thread really holds the lock.
 */
public final class MethodKindsApp {

  @DistributedLock(key = "kinds:static")
  static void staticMethod() {
    AppSupport.result("static", AppSupport.holdsLock());
  }

  @DistributedLock(key = "kinds:instance")
  void instanceMethod() {
    AppSupport.result("instance", AppSupport.holdsLock());
  }

  @DistributedLock(key = "kinds:private")
  private void privateMethod() {
    AppSupport.result("private", AppSupport.holdsLock());
  }

  @DistributedLock(key = "kinds:final")
  final void finalMethod() {
    AppSupport.result("final", AppSupport.holdsLock());
  }

  @DistributedLock(key = "kinds:synchronized")
  synchronized void synchronizedMethod() {
    AppSupport.result("synchronized", AppSupport.holdsLock() && Thread.holdsLock(this));
  }

  @DistributedLock(key = "kinds:lambda")
  static Runnable returnsALambda() {
    return () -> AppSupport.result("lambdaBodyLocked", AppSupport.holdsLock());
  }

  public static void main(String[] args) throws Exception {
    AppSupport.awaitConnected();
    staticMethod();
    MethodKindsApp app = new MethodKindsApp();
    app.instanceMethod();
    app.privateMethod();
    app.finalMethod();
    app.synchronizedMethod();
    // The lambda's own body is not annotated: it must run outside any lock.
    returnsALambda().run();

    URL[] isolatedPath = {
      MethodKindsApp.class.getProtectionDomain().getCodeSource().getLocation(),
      io.github.distlock.DistributedLocks.class.getProtectionDomain().getCodeSource().getLocation()
    };
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    try (URLClassLoader isolated = new URLClassLoader("isolated", isolatedPath, platform)) {
      Class<?> job = isolated.loadClass(IsolatedJob.class.getName());
      AppSupport.result("isolatedLoader", job.getClassLoader().getName());
      ((Runnable) job.getConstructor().newInstance()).run();
    }
  }
}
