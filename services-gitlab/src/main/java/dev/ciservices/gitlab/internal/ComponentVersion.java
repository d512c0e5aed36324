package dev.ciservices.gitlab.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of {@code include: component: <host>/<path>/<name>@<version>} as GitLab resolves it:
 * {@code ~latest} is the highest released semantic version, {@code 1} the highest {@code 1.x.y},
 * {@code 1.2} the highest {@code 1.2.y}; a pre-release is never chosen by these. Any other version (a
 * full version, a tag, a branch, a commit SHA) is the ref itself.
 */
final class ComponentVersion {
  static final String LATEST = "~latest";
  private static final Pattern PARTIAL = Pattern.compile("(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?");
  private static final Pattern RELEASE = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

  private ComponentVersion() {}

  /** Whether {@code version} names a set of releases, to be chosen from the project's releases. */
  static boolean needsReleases(String version) {
    return LATEST.equals(version) || PARTIAL.matcher(version).matches();
  }

  /** The release tag {@code version} selects among {@code tags}, or empty when none matches. */
  static Optional<String> resolve(String version, List<String> tags) {
    Matcher partial = PARTIAL.matcher(version);
    boolean latest = LATEST.equals(version);
    if (!latest && !partial.matches()) {
      return Optional.of(version);
    }
    return tags.stream().map(ComponentVersion::release).flatMap(Optional::stream)
        .filter(r -> latest || r.major == Long.parseLong(partial.group(1)))
        .filter(r -> latest || partial.group(2) == null || r.minor == Long.parseLong(partial.group(2)))
        .max(Comparator.comparingLong(Release::major).thenComparingLong(Release::minor).thenComparingLong(Release::patch))
        .map(Release::tag);
  }

  private record Release(String tag, long major, long minor, long patch) {}

  private static Optional<Release> release(String tag) {
    Matcher m = RELEASE.matcher(tag);
    if (!m.matches() || m.group(1).length() > 18 || m.group(2).length() > 18 || m.group(3).length() > 18) {
      return Optional.empty();
    }
    return Optional.of(new Release(tag, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
  }
}
