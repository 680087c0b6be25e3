package io.github.distlock.agent.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML config file as data only. It composes the node tree (which never instantiates anything) and
 * accepts plain scalars and nested maps; any other tag, such as {@code !!javax.script.ScriptEngineManager}, is an
 * error (CVE-2022-1471). Each value keeps its file and line so errors can point at it. No message quotes a value
 * or a tag: a password that starts with {@code !} is read as a tag, one that starts with {@code *} as an alias.
 */
final class YamlConfigFile {

  private static final Set<Tag> PLAIN_TAGS =
      new HashSet<>(Arrays.asList(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.MAP, Tag.SEQ));
  /** The key of the list of methods to lock, beside the settings. */
  private static final String LOCKS = "locks";
  private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,59}");

  private YamlConfigFile() {}

  /** The settings in {@code file}; its lock rules go to {@code rules}, problems to {@code findings}. */
  static Map<Setting, RawValue> read(Path file, List<LockRule> rules, Findings findings) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    String name = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = newYaml().compose(reader);
      if (root instanceof MappingNode) {
        collect((MappingNode) root, "", name, values, rules, findings);
      } else if (root != null) {
        findings.unusableFile(name,
            name + ":" + line(root) + ": expected a map of settings such as \"failMode: open\"");
      }
    } catch (NoSuchFileException e) {
      findings.unusableFile(name, name + ": config file not found");
    } catch (MarkedYAMLException e) {
      findings.unusableFile(name, name + ":" + (e.getProblemMark().getLine() + 1) + ": malformed YAML: "
          + YamlProblems.describe(e.getProblem()));
    } catch (YAMLException e) {
      if (e.getCause() instanceof IOException) {
        cannotRead(name, e.getCause(), findings);
      } else {
        findings.unusableFile(name, name + ": malformed YAML (" + e.getClass().getSimpleName() + "); "
            + YamlProblems.QUOTING_HINT);
      }
    } catch (IOException e) {
      cannotRead(name, e, findings);
    }
    return values;
  }

  private static void cannotRead(String name, Throwable cause, Findings findings) {
    findings.unusableFile(name, name + ": cannot read the config file (" + cause.getClass().getSimpleName() + ")");
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(1 << 20);
    options.setTagInspector(tag -> false);
    return new Yaml(new SafeConstructor(options));
  }

  private static void collect(MappingNode map, String prefix, String file, Map<Setting, RawValue> values,
      List<LockRule> rules, Findings findings) {
    for (NodeTuple entry : map.getValue()) {
      Node keyNode = entry.getKeyNode();
      String where = file + ":" + line(keyNode);
      if (!(keyNode instanceof ScalarNode) || !isPlain(keyNode)) {
        findings.unusableFile(file, where + ": expected a plain key such as failMode");
        continue;
      }
      String name = prefix + ((ScalarNode) keyNode).getValue();
      Setting setting = Setting.byKey(name);
      Node valueNode = entry.getValueNode();
      if (name.equals(LOCKS)) {
        rules.addAll(LockRulesReader.read(valueNode, file, findings));
      } else if (setting == null && valueNode instanceof MappingNode && isPlain(valueNode)) {
        collect((MappingNode) valueNode, name + ".", file, values, rules, findings);
      } else if (setting == null || setting == Setting.CONFIG_FILE) {
        warnUnknown(where, name, findings);
      } else {
        put(setting, valueNode, where, values, findings);
      }
    }
  }

  private static void warnUnknown(String where, String name, Findings findings) {
    String shown = NAME_LIKE.matcher(name).matches() ? "key \"" + name + "\"" : "a key";
    if (name.equals(Setting.CONFIG_FILE.key())) {
      findings.warning(where + ": " + shown + " is ignored: a config file cannot name another one");
    } else {
      findings.warning(UnknownNames.warning(where + ": " + shown, "", name, Setting.keys()));
    }
  }

  private static void put(
      Setting setting, Node valueNode, String where, Map<Setting, RawValue> values, Findings findings) {
    String name = setting.key();
    if (!isPlain(valueNode)) {
      findings.invalid(setting, where, where + ": " + name + " has a YAML tag (a value starting with !), which is not"
          + " allowed: the config file holds plain values only; " + YamlProblems.QUOTING_HINT);
    } else if (setting == Setting.REDIS_CLUSTER_NODES && valueNode instanceof SequenceNode) {
      putNodeList(setting, (SequenceNode) valueNode, where, values, findings);
    } else if (!(valueNode instanceof ScalarNode)) {
      findings.invalid(setting, where, where + ": " + name + " takes a single value, not a list or map");
    } else if (valueNode.getTag() == Tag.NULL) {
      findings.invalid(setting, where, where + ": " + name + " has no value; " + YamlProblems.QUOTING_HINT);
    } else if (values.containsKey(setting)) {
      findings.invalid(setting, where, where + ": " + name + " is set twice");
    } else {
      values.put(setting, new RawValue(((ScalarNode) valueNode).getValue(), where));
    }
  }

  // The seed nodes may be a YAML list, one host:port per item, as in Spring Boot's configuration.
  private static void putNodeList(Setting setting, SequenceNode list, String where, Map<Setting, RawValue> values,
      Findings findings) {
    List<String> nodes = new ArrayList<>();
    for (Node item : list.getValue()) {
      if (!(item instanceof ScalarNode) || !isPlain(item)) {
        findings.invalid(setting, where, where + ": " + setting.key() + " takes host:port items");
        return;
      }
      nodes.add(((ScalarNode) item).getValue());
    }
    if (values.containsKey(setting)) {
      findings.invalid(setting, where, where + ": " + setting.key() + " is set twice");
    } else {
      values.put(setting, new RawValue(String.join(",", nodes), where));
    }
  }

  private static boolean isPlain(Node node) {
    return PLAIN_TAGS.contains(node.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
