package dev.ciservices.gitlab.internal;

/**
 * Where a value is written: the file's display name and the 1-based line, or 0 when the problem
 * concerns the whole file.
 */
public record Loc(String file, int line) {

  /** The whole file, no line. */
  public static Loc file(String file) {
    return new Loc(file, 0);
  }

  /** {@code file:line}, or {@code file} when there is no line. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
