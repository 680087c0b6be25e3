package io.github.distlock.agent.core.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lock key built per call from the method's arguments: {@code "report:{tenant}"} by parameter name (the class
 * must be compiled with {@code -parameters}) or {@code "report:{0}"} by position. Compiled once per method when
 * its class is woven; a call only concatenates its parts with the arguments' {@code toString()} ({@code "null"}
 * for null). Doubled braces stand for literal ones, as in a Redis Cluster hash tag.
 */
public final class KeyTemplate {

  private static final String SYNTAX = "write {name} or {index} for an argument and {{ or }} for a literal brace";

  /** The literal text around the placeholders: one more than {@link #arguments}. */
  private final String[] literals;
  private final int[] arguments;

  private KeyTemplate(String[] literals, int[] arguments) {
    this.literals = literals;
    this.arguments = arguments;
  }

  /**
   * Compiles {@code key}.
   *
   * @param parameterNames one entry per parameter, {@code null} where the class file records no name
   * @throws IllegalArgumentException naming the problem, for a message that adds the method and attribute
   */
  public static KeyTemplate compile(String key, List<String> parameterNames) {
    List<String> literals = new ArrayList<>();
    List<Integer> arguments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < key.length()) {
      char c = key.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < key.length() && key.charAt(i + 1) == c) {
        literal.append(c);
        i += 2;
      } else if (c == '}') {
        throw new IllegalArgumentException("a '}' at position " + i + " closes no placeholder; " + SYNTAX);
      } else if (c == '{') {
        int close = key.indexOf('}', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("the '{' at position " + i + " is never closed; " + SYNTAX);
        }
        arguments.add(argument(key.substring(i + 1, close), parameterNames));
        literals.add(literal.toString());
        literal.setLength(0);
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    literals.add(literal.toString());
    int[] indexes = new int[arguments.size()];
    for (int n = 0; n < indexes.length; n++) {
      indexes[n] = arguments.get(n);
    }
    return new KeyTemplate(literals.toArray(new String[0]), indexes);
  }

  /** Whether the key is the same for every call: then {@link #constant()} is it. */
  public boolean isConstant() {
    return arguments.length == 0;
  }

  /** The key of a template without placeholders, braces unescaped. */
  public String constant() {
    return literals[0];
  }

  /** The key for one call's arguments. */
  public String render(Object[] args) {
    StringBuilder key = new StringBuilder(literals[0]);
    for (int n = 0; n < arguments.length; n++) {
      key.append(text(args[arguments[n]])).append(literals[n + 1]);
    }
    return key.toString();
  }

  /** An argument's text; an array's elements, since its own toString() differs for every instance. */
  private static String text(Object arg) {
    if (arg == null || !arg.getClass().isArray()) {
      return String.valueOf(arg);
    }
    String deep = Arrays.deepToString(new Object[] {arg});
    return deep.substring(1, deep.length() - 1);
  }

  /**
   * The key as written, braces unescaped where doubled: what a method whose template is invalid locks, so that
   * a key written before templates existed (a hash tag, {@code "{orders}:sync"}) keeps its lock.
   */
  public static String literal(String key) {
    return key.replace("{{", "{").replace("}}", "}");
  }

  private static int argument(String placeholder, List<String> parameterNames) {
    int count = parameterNames.size();
    if (!placeholder.isEmpty() && placeholder.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int index = placeholder.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(placeholder);
      if (index >= count) {
        throw new IllegalArgumentException("{" + placeholder + "} is beyond the method's " + count
            + (count == 1 ? " parameter" : " parameters") + (count == 0 ? "" : "; expected {0} to {" + (count - 1)
            + "}"));
      }
      return index;
    }
    if (!isIdentifier(placeholder)) {
      throw new IllegalArgumentException("{" + placeholder + "} is neither a parameter name nor an index; "
          + SYNTAX);
    }
    int index = parameterNames.indexOf(placeholder);
    if (index >= 0) {
      return index;
    }
    if (count > 0 && parameterNames.contains(null)) {
      throw new IllegalArgumentException("{" + placeholder + "} names a parameter, but the class file records no"
          + " parameter names; compile with -parameters, or use its index {0} to {" + (count - 1) + "}; for"
          + " literal braces, as in a hash tag, write {{" + placeholder + "}}");
    }
    throw new IllegalArgumentException("{" + placeholder + "} names no parameter of this method; expected one of "
        + (count == 0 ? "(none: the method has no parameters)" : parameterNames)
        + "; for literal braces, as in a hash tag, write {{" + placeholder + "}}");
  }

  private static boolean isIdentifier(String text) {
    if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (!Character.isJavaIdentifierPart(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
