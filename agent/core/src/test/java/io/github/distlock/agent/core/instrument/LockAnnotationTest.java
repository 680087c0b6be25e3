package io.github.distlock.agent.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.DistributedLock;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class LockAnnotationTest {

  @Test
  void theScansStandInDeclaresTheAnnotationsAttributesWithTheirDefaults() {
    TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(LockAnnotation.NAME, LockAnnotation.standInClassFile()),
        ClassFileLocator.ForClassLoader.ofSystemLoader()));
    TypeDescription standIn = pool.describe(LockAnnotation.NAME).resolve();

    assertEquals(attributes(TypeDescription.ForLoadedType.of(DistributedLock.class)), attributes(standIn));
    assertEquals(true, standIn.isAnnotation());
  }

  private static Map<String, String> attributes(TypeDescription annotation) {
    Map<String, String> attributes = new TreeMap<>();
    for (MethodDescription method : annotation.getDeclaredMethods()) {
      Object value = method.getDefaultValue() == null ? null : method.getDefaultValue().resolve();
      attributes.put(method.getName(), method.getReturnType().asErasure().getName() + " default " + value);
    }
    return attributes;
  }
}
