package io.github.distlock.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure a run must produce, declared before measuring so that a benchmark that silently produced nothing
 * is noticed, plus counts and failures worth reporting.
 */
final class Results {

  private final Map<String, Figure> figures = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  synchronized Figure expect(String id, String label, String unit) {
    return figures.computeIfAbsent(id, key -> new Figure(key, label, unit));
  }

  synchronized void add(String id, double sample) {
    Figure figure = figures.get(id);
    if (figure == null) {
      throw new IllegalArgumentException("undeclared figure " + id);
    }
    figure.add(sample);
  }

  synchronized Figure get(String id) {
    Figure figure = figures.get(id);
    if (figure == null) {
      throw new IllegalArgumentException("undeclared figure " + id);
    }
    return figure;
  }

  synchronized List<Figure> all() {
    return List.copyOf(figures.values());
  }

  synchronized void note(String key, String value) {
    notes.put(key, value);
  }

  synchronized String note(String key) {
    return notes.getOrDefault(key, "");
  }

  synchronized void fail(String what) {
    failures.add(what);
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Declared figures without a single sample. */
  synchronized List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (Figure figure : figures.values()) {
      if (figure.isEmpty()) {
        missing.add(figure.id);
      }
    }
    return missing;
  }
}
