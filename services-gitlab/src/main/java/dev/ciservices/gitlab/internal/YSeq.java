package dev.ciservices.gitlab.internal;

import java.util.List;

/** A sequence. */
public record YSeq(List<YNode> items, Loc loc) implements YNode {

  /** Copies the items. */
  public YSeq {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
