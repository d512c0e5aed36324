package dev.ciservices;

import dev.ciservices.internal.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The job's {@code image:}: its name, an optional entrypoint override and an optional user ({@code
 * image:docker:user}).
 *
 * @param name the image name; may refer to job variables
 * @param entrypoint the entrypoint override; empty keeps the image's
 * @param user the user the job container runs as; empty keeps the image's
 * @param platform the image platform ({@code image:docker:platform}), e.g. {@code linux/arm64}; empty: the engine's
 */
public record ImageSpec(String name, List<String> entrypoint, String user, String platform) {

  /** Checks and copies the values. */
  public ImageSpec {
    Checks.notNull("JobSpec.image.name", name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("JobSpec.image.name is empty; give an image name such as \"alpine:3.20\"");
    }
    entrypoint = Checks.copyOf("JobSpec.image.entrypoint", entrypoint);
    Checks.notNull("JobSpec.image.docker.user", user);
    Checks.notNull("JobSpec.image.docker.platform", platform);
  }

  /** An image with an entrypoint override and a user, on the engine's platform. */
  public ImageSpec(String name, List<String> entrypoint, String user) {
    this(name, entrypoint, user, "");
  }

  /** An image with an entrypoint override and the image's user. */
  public ImageSpec(String name, List<String> entrypoint) {
    this(name, entrypoint, "");
  }

  /** An image with its own entrypoint. */
  public static ImageSpec of(String name) {
    return new ImageSpec(name, List.of());
  }

  /** An image with an entrypoint override. */
  public static ImageSpec of(String name, String... entrypoint) {
    return new ImageSpec(name, Arrays.asList(entrypoint));
  }

  /** A copy whose container runs as this user ({@code image:docker:user}), e.g. {@code 1000} or {@code app}. */
  public ImageSpec withUser(String user) {
    Checks.notNull("JobSpec.image.docker.user", user);
    if (user.isBlank()) {
      throw new IllegalArgumentException("JobSpec.image.docker.user is empty; give a user such as \"1000\" or \"app\"");
    }
    return new ImageSpec(name, entrypoint, user, platform);
  }

  /** A copy pulled and run for this platform ({@code image:docker:platform}), e.g. {@code linux/arm64}. */
  public ImageSpec withPlatform(String platform) {
    return new ImageSpec(name, entrypoint, user, ServiceSpec.Builder.platform(platform, "JobSpec.image.docker.platform"));
  }

  /** The user, if not the image's. */
  public Optional<String> runAs() {
    return user.isEmpty() ? Optional.empty() : Optional.of(user);
  }
}
