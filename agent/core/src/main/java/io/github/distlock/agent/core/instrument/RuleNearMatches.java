package io.github.distlock.agent.core.instrument;

import io.github.distlock.agent.core.config.LockRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a lock rule that locked nothing may have meant: the methods of the class it names, or the classes named
 * almost like it. A misspelt rule fails quietly otherwise, and its job runs unlocked on every replica.
 */
final class RuleNearMatches {

  private static final int MAX_SHOWN = 5;
  private static final int MAX_DISTANCE = 3;

  private RuleNearMatches() {}

  /**
   * @param declaredMethods what the named class declares, as {@code name(types)}; {@code null} when it was not seen
   * @param classNames the classes there are (loaded, or in the scanned application)
   * @param seen how the classes came to be known, as a participle: {@code "loaded"}
   */
  static String describe(LockRule rule, List<String> declaredMethods, Collection<String> classNames, String seen) {
    String named = rule.className() + "#" + rule.methodName();
    if (declaredMethods != null && declaresRuleMethod(declaredMethods, rule)
        || declaredMethods == null && classNames.contains(rule.className())) {
      // The rule names a real method (an interface's, say): what is missing is a class that implements it.
      return named + " exists, but no class " + seen + " declares it with a body (the named class, or one extending"
          + " or implementing it)";
    }
    if (declaredMethods != null) {
      List<String> closest = closest(rule.methodName(), declaredMethods, true);
      return rule.className() + (closest.isEmpty() ? " declares no method" : " declares " + String.join(", ", closest)
          + (declaredMethods.size() > closest.size() ? ", ..." : ""));
    }
    List<String> similar = closest(rule.className(), classNames, false);
    return "no class " + rule.className() + " was " + seen + (similar.isEmpty() ? ", nor one named like it"
        : "; similar names: " + String.join(", ", similar));
  }

  private static boolean declaresRuleMethod(List<String> declaredMethods, LockRule rule) {
    List<String> types = rule.parameterTypes();
    String wanted = types == null ? null : rule.methodName() + "(" + String.join(", ", types).replace('$', '.') + ")";
    for (String method : declaredMethods) {
      if (wanted == null ? method.startsWith(rule.methodName() + "(") : method.replace('$', '.').equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  // Methods: every one, the likeliest first. Classes: only names close to the wanted one, or with its simple name.
  private static List<String> closest(String wanted, Collection<String> names, boolean methods) {
    String lowerWanted = wanted.toLowerCase(Locale.ROOT);
    String simpleWanted = simpleName(lowerWanted);
    List<Candidate> candidates = new ArrayList<>();
    for (String name : names) {
      String compared = methods ? name.substring(0, name.indexOf('(')) : name;
      String lower = compared.toLowerCase(Locale.ROOT);
      int distance = Math.abs(lower.length() - lowerWanted.length()) > MAX_DISTANCE
          ? Integer.MAX_VALUE : distance(lower, lowerWanted);
      if (!methods && distance > MAX_DISTANCE && simpleName(lower).equals(simpleWanted)) {
        distance = MAX_DISTANCE;
      }
      if (methods || distance <= MAX_DISTANCE) {
        candidates.add(new Candidate(name, distance));
      }
    }
    candidates.sort(Comparator.comparingInt((Candidate c) -> c.distance).thenComparing(c -> c.name));
    List<String> closest = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (closest.size() == MAX_SHOWN) {
        break;
      }
      if (!closest.contains(candidate.name)) {
        closest.add(candidate.name);
      }
    }
    return closest;
  }

  private static String simpleName(String className) {
    return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }

  // Levenshtein distance: the typos a rule is likely to have (a letter dropped, doubled, swapped or mistyped).
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static final class Candidate {
    final String name;
    final int distance;

    Candidate(String name, int distance) {
      this.name = name;
      this.distance = distance;
    }
  }
}
