package dev.ciservices.gitlab.internal;

/**
 * A YAML value after anchors, aliases and merge keys are applied, with where it is written. Scalars
 * carry the type GitLab's YAML 1.1 reader (Ruby's Psych) gives them; {@code !reference} tags stay
 * {@link YRef}s until {@link References} resolves them. Immutable.
 */
public sealed interface YNode permits YScalar, YSeq, YMap, YRef {

  /** Where the value is written. */
  Loc loc();

  /** The value's type for messages, e.g. {@code a list} or {@code an integer (5)}. */
  String describe();

  /** Whether this is an explicit or implicit YAML null, which GitLab treats as an absent key. */
  default boolean isNull() {
    return this instanceof YScalar s && s.kind() == YScalar.Kind.NULL;
  }
}
