package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.instrument.result.ResultKind;
import io.github.distlock.agent.core.instrument.result.ResultKinds;
import io.github.distlock.agent.core.instrument.result.ReturnType;
import io.github.distlock.agent.core.site.LockAttributes;
import io.github.distlock.agent.core.site.LockSite;
import io.github.distlock.agent.core.site.LockSites;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines the lock advice into the lockable methods of one class, working from the class file alone: the type is
 * described from its bytes (never loaded), and only the method bodies change, so no class format change is needed
 * and retransformation stays possible. Each method is registered as a lock site of the class's loader first, so
 * that its advice can carry the site's id and follow the site's fail mode.
 *
 * <p>It calls {@code ByteBuddy.decorate} directly rather than through {@code AgentBuilder}: the prefilter has
 * already chosen the class, and {@code AgentBuilder}'s constructor sets up class injection that, on Java 24 and
 * later, calls {@code sun.misc.Unsafe} and makes the JVM print a warning into every application's output.
 */
final class LockWeaver {

  // What AgentBuilder's disableClassFormatChanges() sets: the advice only edits declared methods' bodies, so Byte
  // Buddy need not walk the class's hierarchy for a method graph, nor prepare to add members it never adds.
  private final ByteBuddy byteBuddy = new ByteBuddy()
      .with(TypeValidation.DISABLED)
      .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
      .with(Implementation.Context.Disabled.Factory.INSTANCE)
      .with(InstrumentedType.Factory.Default.FROZEN);
  private final SiteAdvice siteAdvice = new SiteAdvice();
  private final LockSites sites;
  private final LockedTypeMatcher matcher;
  private final UnlinkedSiteLog unlinked;
  private final AgentLog log;

  LockWeaver(LockSites sites, LockRuleMatcher rules, AgentLog log) {
    this.sites = sites;
    this.log = log;
    this.matcher = new LockedTypeMatcher(rules, log::warn);
    this.unlinked = new UnlinkedSiteLog(log);
  }

  /** The rewritten class file, or {@code null} to keep the original bytes. Never throws. */
  byte[] weave(ClassLoader loader, String internalName, byte[] classFile) {
    String name = internalName.replace('/', '.');
    try {
      ClassFileLocator locator = new ClassFileLocator.Compound(
          ClassFileLocator.Simple.of(name, classFile), ClassFileLocator.ForClassLoader.of(loader));
      TypeDescription type = TypePool.Default.of(locator).describe(name).resolve();
      Map<MethodDescription.InDefinedShape, LockAttributes> methods = matcher.lockableMethods(type);
      if (methods.isEmpty()) {
        return null;
      }
      BridgeLink link = BridgeLink.of(loader);
      AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
      boolean woven = false;
      for (Map.Entry<MethodDescription.InDefinedShape, LockAttributes> locked : methods.entrySet()) {
        MethodDescription.InDefinedShape method = locked.getKey();
        int id = sites.register(loader, LockAnnotation.method(method), locked.getValue());
        LockSite site = sites.get(id);
        if (link != BridgeLink.LINKED) {
          unlinked.report(id, site, loader, link);
        }
        ReturnType returned = ReturnType.of(method);
        ResultKind kind = ResultKinds.of(returned);
        String warning = kind.warning(returned);
        if (warning != null) {
          log.warn(site.name() + " " + warning);
        }
        Advice advice = siteAdvice.forSite(kind, returned, id, site, link);
        if (advice != null) {
          wrapper = wrapper.method(ElementMatchers.is(method), advice);
          woven = true;
        }
      }
      if (!woven) {
        return null;
      }
      byte[] bytes = byteBuddy.decorate(type, locator).visit(wrapper).make().getBytes();
      log.debug("instrumented " + name);
      return bytes;
    } catch (Throwable t) {
      log.error("could not instrument " + name + "; its @DistributedLock methods run without a lock", t);
      return null;
    }
  }
}
