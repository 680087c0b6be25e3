package io.github.distlock.agent.core.config;

import io.github.distlock.bootstrap.FailMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the config file's {@code locks:} list into {@link LockRule}s. A malformed rule is an error naming its file
 * and line, and is left out; the other rules and settings still apply. Values are rule data, never secrets, but
 * messages quote only what a rule's author needs to find the mistake.
 */
final class LockRulesReader {

  private static final List<String> KEYS = Arrays.asList("method", "key", "ttl", "lockAtLeastFor", "keepAlive",
      "failMode");
  private static final List<String> PRIMITIVES =
      Arrays.asList("boolean", "byte", "char", "short", "int", "long", "float", "double");
  private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
  private static final String TYPE = IDENTIFIER + "(?:\\." + IDENTIFIER + ")*(?:\\[\\])*";
  private static final Pattern METHOD = Pattern.compile("(" + IDENTIFIER + "(?:[.$]" + IDENTIFIER + ")*)#("
      + IDENTIFIER + ")(?:\\(((?:\\s*" + TYPE + "\\s*(?:,\\s*" + TYPE + "\\s*)*)?)\\))?");
  static final String EXPECTED_METHOD = "expected a method such as com.acme.ReportJob#run or"
      + " com.acme.ReportJob#run(java.lang.String,int)";

  private LockRulesReader() {}

  static List<LockRule> read(Node locks, String file, Findings findings) {
    List<LockRule> rules = new ArrayList<>();
    if (!(locks instanceof SequenceNode) || locks.getTag() != Tag.SEQ) {
      findings.error(file + ":" + line(locks) + ": locks takes a list of rules, each starting with \"- method:\"");
      return rules;
    }
    for (Node entry : ((SequenceNode) locks).getValue()) {
      LockRule rule = readRule(entry, file, findings);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private static LockRule readRule(Node entry, String file, Findings findings) {
    String where = file + ":" + line(entry);
    if (!(entry instanceof MappingNode) || entry.getTag() != Tag.MAP) {
      findings.error(where + ": a lock rule is a map such as {method: com.acme.ReportJob#run, key: cron:report};"
          + " this rule is ignored");
      return null;
    }
    Map<String, String> values = new HashMap<>();
    for (NodeTuple tuple : ((MappingNode) entry).getValue()) {
      String at = file + ":" + line(tuple.getKeyNode());
      String name = tuple.getKeyNode() instanceof ScalarNode ? ((ScalarNode) tuple.getKeyNode()).getValue() : null;
      if (name == null || !KEYS.contains(name)) {
        findings.warning(UnknownNames.warning(at + ": lock rule key \"" + name + "\"", "", String.valueOf(name),
            KEYS));
        continue;
      }
      Node value = tuple.getValueNode();
      if (!(value instanceof ScalarNode) || !isPlainScalar(value)) {
        findings.error(at + ": " + name + " takes a single plain value; this rule is ignored");
        return null;
      }
      // Which of two values was meant cannot be guessed; YAML parsers disagree on which one wins.
      if (values.put(name, ((ScalarNode) value).getValue()) != null) {
        findings.error(at + ": " + name + " is set twice in this lock rule; this rule is ignored");
        return null;
      }
    }
    return toRule(values, where, findings);
  }

  private static LockRule toRule(Map<String, String> values, String where, Findings findings) {
    String method = values.get("method");
    if (method == null) {
      findings.error(where + ": a lock rule needs method: " + EXPECTED_METHOD + "; this rule is ignored");
      return null;
    }
    Matcher matcher = METHOD.matcher(method.trim());
    if (!matcher.matches()) {
      findings.error(where + ": method \"" + method + "\" is not valid: " + EXPECTED_METHOD
          + "; this rule is ignored");
      return null;
    }
    String key = values.get("key");
    if (key == null || key.trim().isEmpty()) {
      findings.error(where + ": the lock rule for " + method.trim() + " needs key:, the lock name such as"
          + " cron:report; this rule is ignored");
      return null;
    }
    String keepAlive = values.getOrDefault("keepAlive", "false");
    if (!keepAlive.equals("true") && !keepAlive.equals("false")) {
      findings.error(where + ": keepAlive = \"" + keepAlive + "\" is not valid: expected true or false; this rule"
          + " is ignored");
      return null;
    }
    String failMode = values.getOrDefault("failMode", "");
    if (!failMode.isEmpty() && FailMode.forSetting(failMode) == null) {
      findings.error(where + ": failMode = \"" + failMode + "\" is not valid: expected " + FailMode.EXPECTED
          + "; this rule is ignored");
      return null;
    }
    List<String> parameterTypes = null;
    if (matcher.group(3) != null) {
      parameterTypes = new ArrayList<>();
      for (String type : matcher.group(3).split(",")) {
        String name = type.trim();
        if (name.isEmpty()) {
          continue;
        }
        if (name.indexOf('.') < 0 && !PRIMITIVES.contains(name.replace("[]", ""))) {
          findings.error(where + ": parameter type " + name + " of " + method.trim() + " is not valid: expected a"
              + " fully qualified name such as java.lang.String, or a primitive; this rule is ignored");
          return null;
        }
        parameterTypes.add(name);
      }
    }
    if (matcher.group(1).matches("(java|javax|jdk|sun)\\..*")) {
      findings.warning(where + ": the rule for " + method.trim() + " names a JDK type: it locks that method in every"
          + " class of every library that implements or extends it (outside the JDK), under its key");
    }
    return new LockRule(matcher.group(1), matcher.group(2), parameterTypes, key,
        values.getOrDefault("ttl", ""), values.getOrDefault("lockAtLeastFor", "0"), Boolean.parseBoolean(keepAlive),
        failMode.trim(), where);
  }

  private static boolean isPlainScalar(Node node) {
    Tag tag = node.getTag();
    return tag == Tag.STR || tag == Tag.INT || tag == Tag.BOOL || tag == Tag.FLOAT;
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
