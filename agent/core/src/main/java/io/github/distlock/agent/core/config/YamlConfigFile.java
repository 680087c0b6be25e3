package io.github.distlock.agent.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML config file as data only. It composes the node tree (which never instantiates anything) and
 * accepts plain scalars and nested maps; any other tag, such as {@code !!javax.script.ScriptEngineManager}, is an
 * error (CVE-2022-1471). Each value keeps its file and line so errors can point at it.
 */
final class YamlConfigFile {

  private static final Set<Tag> PLAIN_TAGS =
      new HashSet<>(Arrays.asList(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.MAP, Tag.SEQ));

  private YamlConfigFile() {}

  /** The settings in {@code file}; problems are added to {@code errors}. */
  static Map<Setting, RawValue> read(Path file, List<String> errors) {
    Map<Setting, RawValue> values = new EnumMap<>(Setting.class);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Node root = newYaml().compose(reader);
      if (root instanceof MappingNode) {
        collect((MappingNode) root, "", file, values, errors);
      } else if (root != null) {
        errors.add(file + ":" + line(root) + ": expected a map of settings such as \"failMode: open\"");
      }
    } catch (NoSuchFileException e) {
      errors.add(file + ": config file not found");
    } catch (MarkedYAMLException e) {
      // Problem and position only: the default message quotes the document, which may hold a password.
      errors.add(file + ":" + (e.getProblemMark().getLine() + 1) + ": malformed YAML: " + e.getProblem());
    } catch (YAMLException e) {
      errors.add(file + ": malformed YAML: " + e.getClass().getSimpleName());
    } catch (IOException e) {
      errors.add(file + ": cannot read the config file: " + e);
    }
    return values;
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

  private static void collect(
      MappingNode map, String prefix, Path file, Map<Setting, RawValue> values, List<String> errors) {
    for (NodeTuple entry : map.getValue()) {
      Node keyNode = entry.getKeyNode();
      Node valueNode = entry.getValueNode();
      String where = file + ":" + line(keyNode);
      if (!(keyNode instanceof ScalarNode) || !isPlain(keyNode)) {
        errors.add(where + ": expected a plain key");
        continue;
      }
      String name = prefix + ((ScalarNode) keyNode).getValue();
      if (!isPlain(valueNode)) {
        errors.add(file + ":" + line(valueNode) + ": tag " + valueNode.getTag()
            + " is not allowed: the config file holds plain values only");
      } else if (valueNode instanceof MappingNode) {
        collect((MappingNode) valueNode, name + ".", file, values, errors);
      } else {
        put(name, valueNode, where, values, errors);
      }
    }
  }

  private static void put(
      String name, Node valueNode, String where, Map<Setting, RawValue> values, List<String> errors) {
    Setting setting = Setting.byKey(name);
    if (setting == null || setting == Setting.CONFIG_FILE) {
      errors.add(where + ": unknown key \"" + name + "\"; known keys: " + Setting.knownKeys());
    } else if (!(valueNode instanceof ScalarNode)) {
      errors.add(where + ": " + name + " takes a single value, not a list");
    } else if (valueNode.getTag() == Tag.NULL) {
      errors.add(where + ": " + name + " has no value");
    } else if (values.containsKey(setting)) {
      errors.add(where + ": " + name + " is set twice");
    } else {
      values.put(setting, new RawValue(((ScalarNode) valueNode).getValue(), where));
    }
  }

  private static boolean isPlain(Node node) {
    return PLAIN_TAGS.contains(node.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
