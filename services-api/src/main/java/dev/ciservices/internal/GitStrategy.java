package dev.ciservices.internal;

import dev.ciservices.Variable;
import dev.ciservices.Variables;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The job's {@code GIT_STRATEGY}, as GitLab Runner reads it ({@code Build.GetGitStrategy}): {@code none}
 * and {@code empty} skip the repository setup, so the project directory holds no checkout; {@code
 * clone}, {@code fetch}, unset and any other value get the sources (here: the workspace copy).
 *
 * <p>The runner prints, in its {@code get_sources} stage, for {@code none}: {@code Skipping Git
 * repository setup}; for {@code empty}: {@code Skipping Git repository setup and creating an empty
 * build directory}; for both, then {@code Skipping Git checkout} and {@code Skipping Git submodules
 * setup} (the submodule strategy becomes {@code none} with them). A fresh builds volume holds nothing
 * from an earlier job, so both give an empty project directory here.
 *
 * @param value the strategy that skips the checkout ({@code none} or {@code empty}), if the job has one
 */
public record GitStrategy(Optional<String> value) {

  /** The variable's name. */
  public static final String VARIABLE = "GIT_STRATEGY";

  /** Reads the strategy from a job's expanded variables (the last one wins). */
  public static GitStrategy from(List<Variable> expandedVariables) {
    return parse(Variables.lastValue(VARIABLE, expandedVariables));
  }

  /** Parses a value: {@code none} and {@code empty} skip the checkout, exactly as spelled. */
  public static GitStrategy parse(@Nullable String value) {
    if (value == null || !(value.equals("none") || value.equals("empty"))) {
      return new GitStrategy(Optional.empty());
    }
    return new GitStrategy(Optional.of(value));
  }

  /** Whether the job's project directory gets no sources. */
  public boolean skipsCheckout() {
    return value.isPresent();
  }

  /**
   * Why nothing is copied, e.g. {@code GIT_STRATEGY is "none": GitLab Runner does not fetch or clone
   * the repository, so the project directory holds no checkout}.
   */
  public Optional<String> reason() {
    return value.map(v -> VARIABLE + " is \"" + v + "\": GitLab Runner does not fetch or clone the repository,"
        + " so the project directory holds no checkout");
  }

  /** The runner's lines in the {@code get_sources} stage; empty when the checkout is not skipped. */
  public List<String> traceLines() {
    return value.map(v -> List.of("none".equals(v) ? "Skipping Git repository setup"
        : "Skipping Git repository setup and creating an empty build directory", "Skipping Git checkout",
        "Skipping Git submodules setup")).orElse(List.of());
  }
}
