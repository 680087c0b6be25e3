package io.github.distlock.bench.startup;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The class-loading workload's second reference: an agent whose transformer looks at nothing and changes nothing.
 * The JVM still copies every class file into a new array and calls it, which any agent that transforms classes
 * pays; the difference between it and distlock is what distlock's own filtering costs.
 */
public final class NoopTransformerAgent {

  private NoopTransformerAgent() {}

  public static void premain(String args, Instrumentation instrumentation) {
    instrumentation.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return null;
      }
    }, true);
  }
}
