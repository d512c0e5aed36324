package dev.ciservices;

import dev.ciservices.internal.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * The job's {@code image:}: its name and an optional entrypoint override.
 *
 * @param name the image name; may refer to job variables
 * @param entrypoint the entrypoint override; empty keeps the image's
 */
public record ImageSpec(String name, List<String> entrypoint) {

  /** Checks and copies the values. */
  public ImageSpec {
    Checks.notNull("JobSpec.image.name", name);
    if (name.isBlank()) {
      throw new IllegalArgumentException("JobSpec.image.name is empty; give an image name such as \"alpine:3.20\"");
    }
    entrypoint = Checks.copyOf("JobSpec.image.entrypoint", entrypoint);
  }

  /** An image with its own entrypoint. */
  public static ImageSpec of(String name) {
    return new ImageSpec(name, List.of());
  }

  /** An image with an entrypoint override. */
  public static ImageSpec of(String name, String... entrypoint) {
    return new ImageSpec(name, Arrays.asList(entrypoint));
  }
}
