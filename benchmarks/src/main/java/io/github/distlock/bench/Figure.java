package io.github.distlock.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured quantity and its samples, one per round or per run. The median is reported: on a shared machine a
 * single disturbed run must not move the figure.
 */
final class Figure {

  final String id;
  final String label;
  final String unit;
  private final List<Double> samples = new ArrayList<>();

  Figure(String id, String label, String unit) {
    this.id = id;
    this.label = label;
    this.unit = unit;
  }

  synchronized void add(double sample) {
    samples.add(sample);
  }

  synchronized List<Double> samples() {
    return List.copyOf(samples);
  }

  boolean isEmpty() {
    return samples().isEmpty();
  }

  double median() {
    return median(samples());
  }

  double min() {
    return samples().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max() {
    return samples().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
