package dev.ciservices;

import java.util.regex.Pattern;

/**
 * A CI/CD variable with GitLab's flags.
 *
 * <p>{@code public} variables (those of {@code .gitlab-ci.yml}, the default here) reach every service
 * container; secret project variables ({@link #secret}) do not, unless a service variable refers to
 * them. {@code masked} values are replaced by {@code [MASKED]} in traces and in {@link #toString()}.
 * {@code file} variables reach containers as the path of a file holding the value. {@code raw}
 * values are never expanded. {@code internal} marks variables set by the runner itself (predefined
 * variables, {@code config.toml} service environment); they reach services like public ones.
 *
 * @param key the name: letters, digits and {@code _}
 * @param value the value, unexpanded
 */
public record Variable(
    String key, String value, boolean isPublic, boolean masked, boolean file, boolean raw, boolean internal) {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

  /** The text that replaces a masked value in traces. */
  public static final String MASKED = "[MASKED]";

  /** Validates the key. */
  public Variable {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(keyProblem(key));
    }
  }

  /** A public variable, as in {@code variables:} of {@code .gitlab-ci.yml}. */
  public static Variable of(String key, String value) {
    return new Variable(key, value, true, false, false, false, false);
  }

  /** A masked, non-public variable, as a protected project or group variable is. */
  public static Variable secret(String key, String value) {
    return new Variable(key, value, false, true, false, false, false);
  }

  /** A variable set by the runner or its configuration; it reaches services like a public one. */
  public static Variable internal(String key, String value) {
    return new Variable(key, value, false, false, false, false, true);
  }

  /** This variable with {@code public} set as given. */
  public Variable withPublic(boolean isPublic) {
    return new Variable(key, value, isPublic, masked, file, raw, internal);
  }

  /** This variable, masked in traces. */
  public Variable withMasked(boolean masked) {
    return new Variable(key, value, isPublic, masked, file, raw, internal);
  }

  /** This variable as a file variable: containers get the path of a file holding the value. */
  public Variable withFile(boolean file) {
    return new Variable(key, value, isPublic, masked, file, raw, internal);
  }

  /** This variable with expansion turned off ({@code expand: false} in {@code .gitlab-ci.yml}). */
  public Variable withRaw(boolean raw) {
    return new Variable(key, value, isPublic, masked, file, raw, internal);
  }

  /** This variable with another value and the same flags. */
  public Variable withValue(String value) {
    return new Variable(key, value, isPublic, masked, file, raw, internal);
  }

  /** Whether GitLab passes this job variable to service containers: public or internal. */
  public boolean reachesServices() {
    return isPublic || internal;
  }

  /** The value as it may be shown: {@code [MASKED]} for masked variables. */
  public String displayValue() {
    return masked ? MASKED : value;
  }

  /** {@code KEY=value}, the form of a container's environment. */
  public String toEnvEntry() {
    return key + "=" + value;
  }

  static String keyProblem(String key) {
    String fixed = key.replaceAll("[^A-Za-z0-9_]", "_");
    String fix = fixed.isEmpty() || fixed.chars().allMatch(c -> c == '_') ? "" : "; use \"" + fixed + '"';
    return "variable key \"" + key + "\" is invalid: a key may hold only letters, digits and '_'" + fix;
  }

  @Override
  public String toString() {
    StringBuilder flags = new StringBuilder();
    if (!isPublic) {
      flags.append(internal ? " internal" : " non-public");
    }
    if (masked) {
      flags.append(" masked");
    }
    if (file) {
      flags.append(" file");
    }
    if (raw) {
      flags.append(" raw");
    }
    return key + "=" + displayValue() + (flags.length() == 0 ? "" : " (" + flags.substring(1) + ")");
  }
}
