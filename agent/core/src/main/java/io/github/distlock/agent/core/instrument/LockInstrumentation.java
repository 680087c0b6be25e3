package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.AgentLog;
import io.github.distlock.agent.core.lock.LockSites;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.FutureTask;

/**
 * Registers the transformer that puts a lock around every {@code @DistributedLock} method. Setting up Byte Buddy's
 * advice takes hundreds of milliseconds on a cold JVM, so it happens on a daemon thread while the application
 * starts; only the first class that really has a lock waits for it.
 */
public final class LockInstrumentation {

  private LockInstrumentation() {}

  public static void install(Instrumentation instrumentation, LockSites sites, AgentLog log) {
    FutureTask<LockWeaver> weaver = new FutureTask<>(() -> new LockWeaver(sites, log));
    Thread setUp = new Thread(weaver, "distlock-instrumentation-setup");
    setUp.setDaemon(true);
    setUp.start();
    instrumentation.addTransformer(new AnnotationPrefilter(weaver, log), true);
  }
}
