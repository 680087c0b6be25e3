package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.config.LockRule;
import io.github.distlock.agent.core.site.LockAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Applies the config file's lock rules to classes as they load. A class can only hold a method a rule names if its
 * constant pool names the rule's class (its own name, or a supertype it extends or implements), so the prefilter
 * asks {@link #mayMatch} before anything is parsed. It remembers which rules have matched, and what the classes
 * a rule names declare, so that a rule that never matches can be reported with what it may have meant.
 */
final class LockRuleMatcher {

  private static final int MAX_HIERARCHY_DEPTH = 32;

  private final List<LockRule> rules;
  private final List<byte[]> internalNames = new ArrayList<>();
  private final Set<LockRule> matched = ConcurrentHashMap.newKeySet();
  private final Map<LockRule, List<String>> declaredByNamedClass = new ConcurrentHashMap<>();

  LockRuleMatcher(List<LockRule> rules) {
    this.rules = rules;
    for (LockRule rule : rules) {
      internalNames.add(rule.className().replace('.', '/').getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whether {@code classFile} may declare a method some rule names; {@code false} is certain. */
  boolean mayMatch(byte[] classFile) {
    for (byte[] name : internalNames) {
      if (ConstantPool.hasUtf8(classFile, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The lock of the first rule naming {@code method} of {@code type}, or {@code null}. Only methods with a body are
   * named: an interface rule locks the implementations, not the interface.
   */
  LockAttributes attributesFor(TypeDescription type, MethodDescription.InDefinedShape method) {
    if (rules.isEmpty() || !method.isMethod() || method.isAbstract() || method.isNative() || method.isBridge()
        || method.isSynthetic()) {
      return null;
    }
    for (LockRule rule : rules) {
      if (rule.methodName().equals(method.getName()) && parametersMatch(rule, method)
          && (type.getName().equals(rule.className()) || overrides(method) && isSubtype(type, rule.className(), 0))) {
        matched.add(rule);
        String key = rule.key().replace("{class}", type.getName()).replace("{method}", method.getName());
        return new LockAttributes(key, rule.ttl(), rule.lockAtLeastFor(), rule.keepAlive(), rule.failMode(),
            LockAnnotation.parameterNames(method), "lock rule at " + rule.origin());
      }
    }
    return null;
  }

  /**
   * Notes the methods {@code type} declares, for each rule naming it, so that a rule whose method is misspelt or
   * whose parameter types differ can say which methods there are.
   */
  void inspect(TypeDescription type) {
    for (LockRule rule : rules) {
      if (rule.className().equals(type.getName()) && !declaredByNamedClass.containsKey(rule)) {
        List<String> declared = new ArrayList<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
          if (method.isMethod() && !method.isSynthetic() && !method.isBridge()) {
            declared.add(LockAnnotation.method(method).simpleDeclaration());
          }
        }
        declaredByNamedClass.put(rule, declared);
      }
    }
  }

  /** The rules that have not locked any method yet, in the config file's order. */
  List<LockRule> unmatched() {
    List<LockRule> unmatched = new ArrayList<>();
    for (LockRule rule : rules) {
      if (!matched.contains(rule)) {
        unmatched.add(rule);
      }
    }
    return unmatched;
  }

  /**
   * The methods the class named by {@code rule} declares, as {@code name(types)}; {@code null} when no such class
   * has been inspected.
   */
  List<String> declaredByNamedClass(LockRule rule) {
    return declaredByNamedClass.get(rule);
  }

  // A supertype's method is only ever implemented by instance methods that could override it.
  private static boolean overrides(MethodDescription method) {
    return !method.isStatic() && !method.isPrivate();
  }

  private static boolean parametersMatch(LockRule rule, MethodDescription method) {
    List<String> expected = rule.parameterTypes();
    if (expected == null) {
      return true;
    }
    List<? extends ParameterDescription> parameters = method.getParameters();
    if (parameters.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      String actual = parameters.get(i).getType().asErasure().getActualName().replace('$', '.');
      if (!actual.equals(expected.get(i).replace('$', '.'))) {
        return false;
      }
    }
    return true;
  }

  // Walks names only: a supertype missing from the class path ends that branch instead of failing the class.
  private static boolean isSubtype(TypeDefinition type, String className, int depth) {
    if (type == null || depth > MAX_HIERARCHY_DEPTH) {
      return false;
    }
    try {
      if (type.asErasure().getName().equals(className)) {
        return true;
      }
      for (TypeDescription.Generic implemented : type.getInterfaces()) {
        if (isSubtype(implemented, className, depth + 1)) {
          return true;
        }
      }
      return isSubtype(type.getSuperClass(), className, depth + 1);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
