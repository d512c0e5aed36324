package dev.ciservices;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** When to pull a service image: GitLab's {@code pull_policy} values. */
public enum PullPolicy {
  /** Pull every time; GitLab's default on Docker. */
  ALWAYS("always"),
  /** Use a local image if there is one, else pull. */
  IF_NOT_PRESENT("if-not-present"),
  /** Never contact a registry; the image must be local. */
  NEVER("never");

  private final String value;

  PullPolicy(String value) {
    this.value = value;
  }

  /** The value as written in {@code .gitlab-ci.yml}, e.g. {@code if-not-present}. */
  public String value() {
    return value;
  }

  /**
   * Parses a value as written in {@code .gitlab-ci.yml}.
   *
   * @throws IllegalArgumentException naming the value and the accepted values
   */
  public static PullPolicy parse(String value) {
    for (PullPolicy policy : values()) {
      if (policy.value.equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unsupported pull policy: \"" + value + "\"; use one of " + acceptedValues());
  }

  static String acceptedValues() {
    return Arrays.stream(values()).map(PullPolicy::value).collect(Collectors.joining(", "));
  }

  /** Formats a list as GitLab prints it: {@code [always if-not-present]}. */
  public static String format(List<PullPolicy> policies) {
    return policies.stream().map(PullPolicy::value).collect(Collectors.joining(" ", "[", "]"));
  }

  @Override
  public String toString() {
    return value;
  }
}
