package io.github.distlock.agent.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

  private static final List<String> NAMED = Arrays.asList("tenant", "day");
  private static final List<String> UNNAMED = Arrays.asList(null, null);

  @Test
  void placeholdersByNameAndIndexTakeTheArgumentsToString() {
    KeyTemplate template = KeyTemplate.compile("report:{tenant}:{1}", NAMED);
    assertFalse(template.isConstant());
    assertEquals("report:acme:42", template.render(new Object[] {"acme", 42}));
    assertEquals("report:null:7", template.render(new Object[] {null, 7L}), "null is rendered as null");
  }

  @Test
  void arraysAreRenderedByTheirElementsSoEqualArraysMakeTheSameKey() {
    KeyTemplate template = KeyTemplate.compile("batch:{0}", Collections.singletonList("ids"));
    assertEquals("batch:[1, 2]", template.render(new Object[] {new int[] {1, 2}}));
    assertEquals("batch:[a, [b]]", template.render(new Object[] {new Object[] {"a", new String[] {"b"}}}));
  }

  @Test
  void anInvalidTemplateCanBeTakenLiterallyWithDoubledBracesUndone() {
    assertEquals("{orders}:x:{nope}", KeyTemplate.literal("{{orders}}:x:{nope}"));
  }

  @Test
  void indexesNeedNoParameterNames() {
    assertEquals("a-b", KeyTemplate.compile("{0}-{1}", UNNAMED).render(new Object[] {"a", "b"}));
  }

  @Test
  void aKeyWithoutPlaceholdersIsConstantAndDoubledBracesAreLiteral() {
    KeyTemplate plain = KeyTemplate.compile("cron:daily", Collections.emptyList());
    assertTrue(plain.isConstant());
    assertEquals("cron:daily", plain.constant());
    KeyTemplate hashTag = KeyTemplate.compile("{{orders}}:sync", Collections.emptyList());
    assertTrue(hashTag.isConstant());
    assertEquals("{orders}:sync", hashTag.constant());
    assertEquals("{acme}:x", KeyTemplate.compile("{{{0}}}:x", UNNAMED).render(new Object[] {"acme", 1}));
  }

  @Test
  void mistakesAreNamedWithWhatWasExpected() {
    assertEquals("{nope} names no parameter of this method; expected one of [tenant, day]; for literal braces, as"
        + " in a hash tag, write {{nope}}", message("r:{nope}", NAMED));
    assertEquals("{2} is beyond the method's 2 parameters; expected {0} to {1}", message("r:{2}", NAMED));
    assertEquals("{0} is beyond the method's 0 parameters", message("r:{0}", Collections.emptyList()));
    assertTrue(message("r:{tenant}", UNNAMED).contains("compile with -parameters, or use its index {0} to {1}"));
    assertTrue(message("r:{tenant", NAMED).contains("is never closed"));
    assertTrue(message("r:}", NAMED).contains("closes no placeholder"));
    assertTrue(message("r:{a b}", NAMED).contains("neither a parameter name nor an index"));
    assertTrue(message("r:{}", NAMED).contains("neither a parameter name nor an index"));
  }

  private static String message(String key, List<String> names) {
    return assertThrows(IllegalArgumentException.class, () -> KeyTemplate.compile(key, names)).getMessage();
  }
}
