package dev.ciservices.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GitLab's examples for component versions (docs "CI/CD components", semantic versioning). */
class ComponentVersionTest {
  private static final List<String> RELEASES = List.of("2.1.0", "1.0.0", "2.0.1", "1.1.1", "1.2.0", "2.0.0", "1.1.0");

  @Test
  void partialVersionsAndLatestPickTheHighestMatchingRelease() {
    assertThat(ComponentVersion.resolve("1", RELEASES)).contains("1.2.0");
    assertThat(ComponentVersion.resolve("1.1", RELEASES)).contains("1.1.1");
    assertThat(ComponentVersion.resolve("~latest", RELEASES)).contains("2.1.0");
  }

  @Test
  void theOrderIsSemanticNotByReleaseDateNorByText() {
    // GitLab's merge request 147910: 3.2.0, 3.1.2, 5.0.1 released in that order; 3 gives 3.2.0
    assertThat(ComponentVersion.resolve("3", List.of("5.0.1", "3.1.2", "3.2.0"))).contains("3.2.0");
    assertThat(ComponentVersion.resolve("~latest", List.of("1.9.0", "1.10.0"))).contains("1.10.0");
  }

  @Test
  void preReleasesAndOtherTagsAreNeverChosenByAPartialVersion() {
    List<String> tags = List.of("1.0.0", "1.0.1-rc", "2.0.0-beta", "v3.0.0", "main");
    assertThat(ComponentVersion.resolve("~latest", tags)).contains("1.0.0");
    assertThat(ComponentVersion.resolve("2", tags)).isEmpty();
  }

  @Test
  void aFullVersionATagABranchOrAShaIsTheRefItself() {
    assertThat(ComponentVersion.needsReleases("1.2.0")).isFalse();
    assertThat(ComponentVersion.needsReleases("main")).isFalse();
    assertThat(ComponentVersion.needsReleases("e3262fdd0914fa823210cdb79a8c421e2cef79d8")).isFalse();
    assertThat(ComponentVersion.resolve("2.0.0-beta", RELEASES)).contains("2.0.0-beta");
    assertThat(ComponentVersion.needsReleases("~latest")).isTrue();
    assertThat(ComponentVersion.needsReleases("1")).isTrue();
    assertThat(ComponentVersion.needsReleases("1.2")).isTrue();
  }
}
