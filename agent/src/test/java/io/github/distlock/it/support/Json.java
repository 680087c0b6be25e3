package io.github.distlock.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON the operator's commands print, as a script would: objects as maps, arrays as lists, numbers as
 * {@code Long} (or {@code Double}), and {@code null}. Strict enough that malformed output fails the test.
 */
public final class Json {

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    Json json = new Json(text.trim());
    Object value = json.value();
    if (json.at != json.text.length()) {
      throw new IllegalArgumentException("trailing text at " + json.at + ": " + text);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> array(String text) {
    return (List<Map<String, Object>>) parse(text);
  }

  private Object value() {
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object();
      case '[':
        return list();
      case '"':
        return string();
      default:
        if (text.startsWith("null", at)) {
          at += 4;
          return null;
        }
        if (text.startsWith("true", at) || text.startsWith("false", at)) {
          boolean value = text.startsWith("true", at);
          at += value ? 4 : 5;
          return value;
        }
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    expect('{');
    if (peek() == '}') {
      at++;
      return map;
    }
    do {
      String name = string();
      expect(':');
      map.put(name, value());
    } while (next(',', '}'));
    return map;
  }

  private List<Object> list() {
    List<Object> list = new ArrayList<>();
    expect('[');
    if (peek() == ']') {
      at++;
      return list;
    }
    do {
      list.add(value());
    } while (next(',', ']'));
    return list;
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (text.charAt(at) != '"') {
      char c = text.charAt(at++);
      if (c == '\\') {
        char escaped = text.charAt(at++);
        if (escaped == 'u') {
          value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        } else {
          value.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
        }
      } else {
        value.append(c);
      }
    }
    at++;
    return value.toString();
  }

  private Object number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    String number = text.substring(start, at);
    if (number.isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + text.charAt(start) + "' at " + start + ": " + text);
    }
    return number.matches("-?[0-9]+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
  }

  private char peek() {
    return text.charAt(at);
  }

  private void expect(char c) {
    if (text.charAt(at) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + text);
    }
    at++;
  }

  // After a member: true when another follows, false at the closing character.
  private boolean next(char separator, char close) {
    char c = text.charAt(at++);
    if (c == separator) {
      return true;
    }
    if (c == close) {
      return false;
    }
    throw new IllegalArgumentException("expected '" + separator + "' or '" + close + "' at " + (at - 1));
  }
}
