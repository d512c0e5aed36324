package dev.ciservices;

import dev.ciservices.internal.AliasPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
  private static final String SHA = "1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";

  @Test
  void stripsRegistryPortTagAndDerivesBothAliasesFromNamespacedImage() {
    ImageRef ref = ImageRef.parse("registry.example.com:5000/group/image:tag");
    assertThat(ref.service()).isEqualTo("registry.example.com/group/image");
    assertThat(ref.version()).isEqualTo("tag");
    assertThat(ref.pullName()).isEqualTo("registry.example.com:5000/group/image:tag");
    assertThat(ref.defaultAliases())
        .containsExactly("registry.example.com__group__image", "registry.example.com-group-image");
  }

  @Test
  void usesTheWholeSha256DigestAsVersion() {
    ImageRef ref = ImageRef.parse("domain.tld:8080/namespace/service@sha256:" + SHA);
    assertThat(ref.version()).isEqualTo("@sha256:" + SHA);
    assertThat(ref.pullName()).isEqualTo("domain.tld:8080/namespace/service@sha256:" + SHA);
    assertThat(ref.defaultAliases()).containsExactly("domain.tld__namespace__service", "domain.tld-namespace-service");
    assertThat(ref.serviceWithVersion()).isEqualTo("domain.tld/namespace/service@sha256:" + SHA);
  }

  @Test
  void dindHasNoSpecialCase() {
    ImageRef ref = ImageRef.parse("docker:dind");
    assertThat(ref.version()).isEqualTo("dind");
    assertThat(ref.defaultAliases()).containsExactly("docker");
  }

  @Test
  void documentationWordpressExampleGetsDashAndDoubleUnderscoreHostnames() {
    assertThat(ImageRef.parse("tutum/wordpress:latest").defaultAliases())
        .containsExactlyInAnyOrder("tutum-wordpress", "tutum__wordpress");
  }

  @Test
  void nameWithoutTagPullsLatest() {
    ImageRef ref = ImageRef.parse("tutum/wordpress");
    assertThat(ref.version()).isEqualTo("latest");
    assertThat(ref.pullName()).isEqualTo("tutum/wordpress:latest");
    assertThat(ref.serviceWithVersion()).isEqualTo("tutum/wordpress:latest");
  }

  @Test
  void tagWinsOverDigestForTheVersion() {
    ImageRef ref = ImageRef.parse("postgres:16@sha256:" + SHA);
    assertThat(ref.version()).isEqualTo("16");
    assertThat(ref.pullName()).isEqualTo("postgres:16@sha256:" + SHA);
  }

  @Test
  void dropsADigestThatIsNotSha256Of64CharactersAndPullsLatest() {
    ImageRef shortSha = ImageRef.parse("alpine@sha256:" + SHA.substring(0, 40));
    assertThat(shortSha.version()).isEqualTo("latest");
    assertThat(shortSha.pullName()).isEqualTo("alpine:latest");
    ImageRef sha512 = ImageRef.parse("alpine@sha512:" + SHA + SHA);
    assertThat(sha512.pullName()).isEqualTo("alpine:latest");
  }

  @Test
  void keepsCaseOfTheRegistryHost() {
    assertThat(ImageRef.parse("Registry.Example.com/group/image:TAG").defaultAliases())
        .containsExactly("Registry.Example.com__group__image", "Registry.Example.com-group-image");
  }

  @Test
  void removesOnlyAPortDirectlyBeforeTheFirstSlash() {
    assertThat(ImageRef.parse("localhost:5000/a/b:1").service()).isEqualTo("localhost/a/b");
    assertThat(ImageRef.parse("[::1]:5000/a:1").service()).isEqualTo("[::1]/a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Postgres:14", "", "image:", "a:b:c", "$VAR", "${IMAGE}:1", "my image", "upper/X"})
  void findsNoServiceInNamesGitLabCannotParse(String name) {
    assertThat(ImageRef.tryParse(name)).isEmpty();
    assertThat(AliasPolicy.defaultAliases(name)).isEmpty();
  }

  @Test
  void explainsUpperCaseInThePathWithTheFix() {
    assertThatThrownBy(() -> ImageRef.parse("Postgres:14"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image name \"Postgres:14\" has upper case in its path; use \"postgres:14\"");
    assertThat(ImageRef.problem("registry.Example.com/Group/App:1"))
        .isEqualTo("image name \"registry.Example.com/Group/App:1\" has upper case in its path;"
            + " use \"registry.Example.com/group/app:1\"");
  }

  @Test
  void explainsEmptyTagsUnexpandedVariablesAndEmptyNames() {
    assertThat(ImageRef.problem("image:")).isEqualTo("image name \"image:\" has an empty tag; write a tag after ':' or remove the ':'");
    assertThat(ImageRef.problem("selenium/standalone-firefox:${FIREFOX_VERSION}"))
        .isEqualTo("image name \"selenium/standalone-firefox:${FIREFOX_VERSION}\" holds a variable reference that was"
            + " not expanded; define the variable or write the name in full");
    assertThat(ImageRef.problem("")).isEqualTo("image name \"\" is empty; give a name such as \"postgres:16\"");
    assertThat(ImageRef.problem("a:b:c")).isEqualTo("image name \"a:b:c\" is not a valid image reference;"
        + " expected [registry[:port]/]path[:tag][@algorithm:digest] with lower-case path components,"
        + " e.g. \"registry.example.com:5000/group/image:1.0\"");
  }

  @Test
  void parsesOrdinaryNames() {
    for (String name : List.of("postgres", "postgres:11.7", "mysql:latest", "bitnami/redis:7.2", "gcr.io/a/b/c:1",
        "my-registry:5000/x", "a__b/c-d.e:TAG_1")) {
      assertThat(ImageRef.tryParse(name)).as(name).isPresent();
    }
  }
}
