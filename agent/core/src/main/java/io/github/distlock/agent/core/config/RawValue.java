package io.github.distlock.agent.core.config;

/** A setting's text as found, with where it was found, so that an error can point at its source. */
final class RawValue {

  final String text;
  final String origin;

  RawValue(String text, String origin) {
    this.text = text;
    this.origin = origin;
  }
}
