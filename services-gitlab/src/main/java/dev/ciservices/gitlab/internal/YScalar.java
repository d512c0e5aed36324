package dev.ciservices.gitlab.internal;

/**
 * A scalar: its text as written, its type as Psych reads it, and the text Ruby's {@code to_s} gives
 * that value (what GitLab puts into a variable).
 *
 * @param text the text as written
 * @param kind the type, e.g. {@link Kind#FLOAT} for a plain {@code 1.10}
 * @param value the value as GitLab's Ruby prints it, e.g. {@code 1.1}
 * @param loc where it is written
 */
public record YScalar(String text, Kind kind, String value, Loc loc) implements YNode {

  /** The scalar types of YAML 1.1 that GitLab's reader produces. */
  public enum Kind {
    /** A string (quoted, block, or a plain scalar that is no other type). */
    STRING,
    /** {@code ~}, {@code null} or nothing. */
    NULL,
    /** {@code true}, {@code yes}, {@code on}, {@code false}, {@code no}, {@code off} in any case. */
    BOOL,
    /** A decimal, octal ({@code 010}), hex, binary or base-60 ({@code 1:30}) integer. */
    INT,
    /** A float such as {@code 1.10} or {@code .inf}. */
    FLOAT
  }

  /** A string scalar. */
  public static YScalar string(String text, Loc loc) {
    return new YScalar(text, Kind.STRING, text, loc);
  }

  /** Whether this scalar is a string. */
  public boolean isString() {
    return kind == Kind.STRING;
  }

  @Override
  public String describe() {
    return switch (kind) {
      case STRING -> "a string (\"" + text + "\")";
      case NULL -> "null";
      case BOOL -> "a boolean (" + text + ")";
      case INT -> "an integer (" + text + ")";
      case FLOAT -> "a float (" + text + ")";
    };
  }
}
