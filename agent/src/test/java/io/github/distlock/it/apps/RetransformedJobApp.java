package io.github.distlock.it.apps;

import io.github.distlock.DistributedLock;

/** Calls a locked method, has its class retransformed through {@link RetransformingAgent}, and calls it again. */
public final class RetransformedJobApp {

  @DistributedLock(key = "retransformed")
  static void job(String call) {
    AppSupport.result(call + ".locked", AppSupport.holdsLock());
  }

  public static void main(String[] args) throws Exception {
    job("before");
    RetransformingAgent.instrumentation().retransformClasses(RetransformedJobApp.class);
    AppSupport.result("retransformed", true);
    job("after");
  }
}
