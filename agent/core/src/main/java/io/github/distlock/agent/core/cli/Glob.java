package io.github.distlock.agent.core.cli;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Redis glob ({@code *}, {@code ?}, {@code [...]}, {@code \} escapes) as a test on key names, as SCAN MATCH
 * reads it.
 */
final class Glob {

  private Glob() {}

  static Predicate<String> of(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[' && glob.indexOf(']', i + 1) > i + 1) {
        int close = glob.indexOf(']', i + 1);
        regex.append('[');
        for (int j = i + 1; j < close; j++) {
          char member = glob.charAt(j);
          boolean literal = Character.isLetterOrDigit(member) || member == '-' || (member == '^' && j == i + 1);
          regex.append(literal ? "" : "\\").append(member);
        }
        regex.append(']');
        i = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    return key -> pattern.matcher(key).matches();
  }
}
