package io.github.distlock.agent.core.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SnakeYAML's description of a syntax error, retold without the document's text: it quotes alias names, tag
 * handles and bad escapes, and in a config file those may be the start of a password.
 */
final class YamlProblems {

  /** What usually fixes such a file. */
  static final String QUOTING_HINT = "put values that start with ! * & % @ ` | > { [ ' or \" in double quotes";

  // Syntax tokens ('<scalar>', <block end>) and single punctuation marks (',' ']') are not the document's text.
  private static final Pattern TOKENS = Pattern.compile("'<[a-z ]+>'|<[a-z ]+>|'[^A-Za-z0-9\\s]'");
  private static final Pattern PLAIN_WORDS = Pattern.compile("[a-z ,]*");

  private YamlProblems() {}

  static String describe(String problem) {
    String text = problem == null ? "" : problem.trim();
    String lower = text.toLowerCase(Locale.ROOT);
    String told;
    if (lower.contains("alias") || lower.contains("anchor")) {
      told = "a value starting with * or & is read as a YAML alias or anchor";
    } else if (lower.contains("tag")) {
      told = "a value starting with ! is read as a YAML tag, and tags are not allowed";
    } else if (PLAIN_WORDS.matcher(TOKENS.matcher(text).replaceAll("")).matches()) {
      told = text;
    } else {
      told = "a character that cannot appear here";
    }
    return told + "; " + QUOTING_HINT;
  }
}
