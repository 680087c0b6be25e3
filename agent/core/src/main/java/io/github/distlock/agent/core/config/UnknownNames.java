package io.github.distlock.agent.core.config;

import java.util.List;
import java.util.Locale;

/**
 * Words the warning about an unknown setting name: it names the closest known one, so that a typo is fixed at the
 * first start-up, and lists them all when none is close.
 */
final class UnknownNames {

  private UnknownNames() {}

  /**
   * {@code "<where>: unknown setting, ignored; did you mean <prefix><closest>?"}, or the known names when none is
   * close. {@code name} and {@code known} are compared without their common {@code prefix}.
   */
  static String warning(String where, String prefix, String name, List<String> known) {
    String closest = closest(name, known);
    if (closest != null) {
      return where + ": unknown setting, ignored; did you mean " + prefix + closest + "?";
    }
    StringBuilder names = new StringBuilder();
    for (String candidate : known) {
      names.append(names.length() == 0 ? "" : ", ").append(prefix).append(candidate);
    }
    return where + ": unknown setting, ignored; known settings: " + names;
  }

  /** The known name fewest edits away, ignoring case, if those edits change at most a third of it; else null. */
  static String closest(String name, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
  }

  // Edit distance where swapping two neighbouring letters ("hots" for "host") counts as one edit.
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
