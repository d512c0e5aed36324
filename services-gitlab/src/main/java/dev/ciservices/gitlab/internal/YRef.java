package dev.ciservices.gitlab.internal;

import java.util.List;

/** A {@code !reference [key, key, ...]} tag before it is resolved. */
public record YRef(List<String> path, Loc loc) implements YNode {

  /** Copies the path. */
  public YRef {
    path = List.copyOf(path);
  }

  /** The tag as written, e.g. {@code !reference [.setup, script]}. */
  public String display() {
    return "!reference [" + String.join(", ", path) + "]";
  }

  @Override
  public String describe() {
    return display();
  }
}
