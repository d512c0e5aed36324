package dev.ciservices.internal;

import java.util.List;

/** Replaces masked variable values by {@code [MASKED]} in trace text, longest value first. */
public final class Masker {
  private final List<String> values;

  /** A masker for these values; empty values are ignored. */
  public Masker(List<String> values) {
    this.values = values.stream().filter(v -> !v.isEmpty())
        .sorted((a, b) -> b.length() - a.length()).distinct().toList();
  }

  /** A masker for these values and this one's. */
  public Masker with(java.util.Collection<String> more) {
    List<String> all = new java.util.ArrayList<>(values);
    all.addAll(more);
    return new Masker(all);
  }

  /** Whether this masker replaces the value. */
  public boolean masks(String value) {
    return values.contains(value);
  }

  /** The text with every masked value replaced. */
  public String mask(String text) {
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, "[MASKED]");
      }
    }
    return out;
  }
}
