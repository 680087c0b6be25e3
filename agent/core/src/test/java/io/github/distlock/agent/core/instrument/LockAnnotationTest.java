package io.github.distlock.agent.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.distlock.DistributedLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class LockAnnotationTest {

  @Test
  void theScansStandInDeclaresTheAnnotationsAttributesWithTheirDefaults() {
    TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(
        new ClassFileLocator.Simple(LockAnnotation.standInClassFiles()),
        ClassFileLocator.ForClassLoader.ofSystemLoader()));
    TypeDescription standIn = pool.describe(LockAnnotation.NAME).resolve();

    assertEquals(attributes(TypeDescription.ForLoadedType.of(DistributedLock.class)), attributes(standIn));
    assertEquals(true, standIn.isAnnotation());
    assertEquals(constants(TypeDescription.ForLoadedType.of(io.github.distlock.FailMode.class)),
        constants(pool.describe(LockAnnotation.FAIL_MODE_NAME).resolve()));
  }

  private static List<String> constants(TypeDescription enumeration) {
    List<String> names = new ArrayList<>();
    for (FieldDescription field : enumeration.getDeclaredFields()) {
      if (field.isEnum()) {
        names.add(field.getName());
      }
    }
    return names;
  }

  private static Map<String, String> attributes(TypeDescription annotation) {
    Map<String, String> attributes = new TreeMap<>();
    for (MethodDescription method : annotation.getDeclaredMethods()) {
      Object value = method.getDefaultValue() == null ? null : method.getDefaultValue().resolve();
      if (value instanceof EnumerationDescription) {
        value = ((EnumerationDescription) value).getValue();
      }
      attributes.put(method.getName(), method.getReturnType().asErasure().getName() + " default " + value);
    }
    return attributes;
  }
}
