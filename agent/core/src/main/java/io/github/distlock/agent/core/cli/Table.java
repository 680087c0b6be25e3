package io.github.distlock.agent.core.cli;

import io.github.distlock.agent.core.history.JobsJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows printed as aligned columns for people, or as a JSON array of objects for scripts. */
final class Table {

  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... columns) {
    this.columns = Arrays.asList(columns);
  }

  Table row(String... values) {
    rows.add(Arrays.asList(values));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintStream out) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, columns, widths);
    for (List<String> row : rows) {
      printRow(out, row, widths);
    }
  }

  String json() {
    StringBuilder json = new StringBuilder("[");
    for (int r = 0; r < rows.size(); r++) {
      json.append(r == 0 ? "{" : ",{");
      for (int i = 0; i < columns.size(); i++) {
        json.append(i == 0 ? "" : ",").append(quote(columns.get(i))).append(':').append(quote(rows.get(r).get(i)));
      }
      json.append('}');
    }
    return json.append(']').toString();
  }

  static String quote(String text) {
    return JobsJson.quote(text);
  }

  static String array(List<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "" : ",").append(quote(values.get(i)));
    }
    return json.append(']').toString();
  }

  private static void printRow(PrintStream out, List<String> values, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      line.append(value);
      if (i < values.size() - 1) {
        for (int pad = value.length(); pad < widths[i] + 2; pad++) {
          line.append(' ');
        }
      }
    }
    out.println(line);
  }
}
