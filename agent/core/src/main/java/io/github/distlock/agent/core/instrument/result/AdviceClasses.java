package io.github.distlock.agent.core.instrument.result;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Builds advice from the kinds' advice classes, read from the agent's own jar once each: an advice is parsed for
 * every site, and the agent's class loader would read its jar again each time. Advice that names a type the agent
 * does not have (RxJava) is described from its class file, never reflected on.
 */
public final class AdviceClasses {

  private final ClassFileLocator classes = new ReadOnce(
      ClassFileLocator.ForClassLoader.of(AdviceClasses.class.getClassLoader()));
  private final TypePool types = TypePool.Default.of(classes);

  /** An advice that only enters. */
  Advice to(Class<?> enter) {
    return Advice.to(enter, classes);
  }

  Advice to(Class<?> enter, Class<?> exit) {
    return Advice.to(enter, exit, classes);
  }

  /** As {@link #to(Class, Class)}, for advice classes that name types the agent does not have. */
  Advice toDescribed(Class<?> enter, Class<?> exit) {
    return Advice.to(described(enter), described(exit), classes);
  }

  /** The advice for {@code site}, with its id bound to {@link LockSiteId}. */
  Advice locking(WovenSite site, Class<?> enter, Class<?> exit) {
    return constants(site).to(enter, exit, classes);
  }

  /** An advice that only exits, for {@code site}. */
  Advice lockingOnExit(WovenSite site, Class<?> exit) {
    return constants(site).to(exit, classes);
  }

  /** As {@link #lockingOnExit}, for an advice class that names types the agent does not have. */
  Advice lockingOnExitDescribed(WovenSite site, Class<?> exit) {
    return constants(site).to(described(exit), classes);
  }

  /** The site's id bound to {@link LockSiteId}, for a kind that binds more. */
  Advice.WithCustomMapping constants(WovenSite site) {
    return Advice.withCustomMapping().bind(LockSiteId.class, site.id());
  }

  ClassFileLocator classes() {
    return classes;
  }

  private TypeDescription described(Class<?> advice) {
    return types.describe(advice.getName()).resolve();
  }

  /** A locator that asks its delegate once per class name. */
  private static final class ReadOnce implements ClassFileLocator {

    private final ClassFileLocator delegate;
    private final Map<String, Resolution> read = new ConcurrentHashMap<>();

    ReadOnce(ClassFileLocator delegate) {
      this.delegate = delegate;
    }

    @Override
    public Resolution locate(String name) throws IOException {
      Resolution known = read.get(name);
      if (known == null) {
        known = delegate.locate(name);
        read.put(name, known);
      }
      return known;
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
