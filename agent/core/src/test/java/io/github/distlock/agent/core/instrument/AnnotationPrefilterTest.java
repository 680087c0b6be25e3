package io.github.distlock.agent.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.distlock.DistributedLock;
import io.github.distlock.agent.core.base.AgentLog;
import io.github.distlock.agent.core.base.LogLevel;
import io.github.distlock.agent.core.config.ConfigLoader;
import io.github.distlock.agent.core.site.LockSites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.StubMethod;
import org.junit.jupiter.api.Test;

class AnnotationPrefilterTest {

  @Test
  void lockedClassesLoadedByTheWeaversOwnSetUpAreRetransformedOnceItIsDone() {
    AgentLog log = new AgentLog(System.err, LogLevel.OFF);
    LockRuleMatcher rules = new LockRuleMatcher(Collections.emptyList());
    List<Set<String>> handedOn = new ArrayList<>();
    AtomicReference<AnnotationPrefilter> prefilter = new AtomicReference<>();
    List<byte[]> duringSetUp = new ArrayList<>();
    // The set-up loads a locked class on its own thread, as a class loading hook of the JVM's might.
    FutureTask<LockWeaver> weaver = new FutureTask<>(() -> {
      duringSetUp.add(prefilter.get().transform(null, "com/acme/Early", null, null, lockedClass("com.acme.Early")));
      prefilter.get().transform(null, "com/acme/Plain", null, null, plainClass("com.acme.Plain"));
      return new LockWeaver(new LockSites(ConfigLoader.forThisJvm("").load().config(), log), rules, log);
    });
    prefilter.set(new AnnotationPrefilter(weaver, rules, () -> { }, names -> handedOn.add(new TreeSet<>(names)),
        log));

    prefilter.get().transform(null, "com/acme/First", null, null, lockedClass("com.acme.First"));

    assertEquals(1, duringSetUp.size());
    assertNull(duringSetUp.get(0), "left as it is while the set-up runs");
    assertEquals(List.of(Set.of("com/acme/Early")), handedOn, "only the locked class, once");
  }

  private static byte[] lockedClass(String name) {
    return new ByteBuddy().subclass(Object.class).name(name)
        .defineMethod("run", void.class, Visibility.PUBLIC).intercept(StubMethod.INSTANCE)
        .annotateMethod(AnnotationDescription.Builder.ofType(DistributedLock.class).define("key", "job").build())
        .make().getBytes();
  }

  private static byte[] plainClass(String name) {
    return new ByteBuddy().subclass(Object.class).name(name)
        .defineMethod("run", void.class, Visibility.PUBLIC).intercept(StubMethod.INSTANCE)
        .make().getBytes();
  }
}
