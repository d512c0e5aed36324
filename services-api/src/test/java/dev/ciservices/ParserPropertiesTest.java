package dev.ciservices;

import dev.ciservices.internal.DebugServices;
import dev.ciservices.internal.AliasPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.internal.Glob;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No string makes a parser throw anything but its documented {@link IllegalArgumentException}. */
class ParserPropertiesTest {

  @Provide
  Arbitrary<String> imageLike() {
    Arbitrary<String> pieces = Arbitraries.of("postgres", "Postgres", "registry.example.com", ":5000", "/", ":", "@",
        "sha256:", "1234567890abcdef1234567890abcdef", "__", "-", ".", "$VAR", "${X}", " ", "", "[::1]", "TAG", "16.10");
    return Arbitraries.oneOf(pieces.list().ofMaxSize(8).map(l -> String.join("", l)), Arbitraries.strings().ofMaxLength(60));
  }

  @Property(tries = 3000)
  void imageRefParsingFailsOnlyWithIllegalArgument(@ForAll("imageLike") String name) {
    try {
      ImageRef ref = ImageRef.parse(name);
      assertThat(ImageRef.tryParse(name)).contains(ref);
      assertThat(ref.pullName()).isNotEmpty();
      assertThat(ref.defaultAliases()).isNotEmpty().allSatisfy(a -> assertThat(a).doesNotContain("/"));
    } catch (IllegalArgumentException e) {
      assertThat(ImageRef.tryParse(name)).isEmpty();
      assertThat(e.getMessage()).contains('"' + name + '"');
    }
  }

  @Property(tries = 3000)
  void expansionNeverThrowsAndLeavesTextWithoutDollarUnchanged(@ForAll String text) {
    String expanded = Variables.expand(text, List.of(Variable.of("A", "x")));
    if (text.indexOf('$') < 0) {
      assertThat(expanded).isEqualTo(text);
    }
  }

  @Property(tries = 2000)
  void aliasSplittingNeverYieldsEmptyOrSeparatorHoldingAliases(@ForAll String alias) {
    assertThat(AliasPolicy.split(alias)).allSatisfy(a -> assertThat(a).isNotEmpty().doesNotContain(",")
        .satisfies(s -> assertThat(s.codePoints().noneMatch(AliasPolicy::isSpace)).isTrue()));
    assertThat(String.join("", AliasPolicy.split(alias)).length())
        .isEqualTo((int) alias.codePoints().filter(c -> c != ',' && !AliasPolicy.isSpace(c)).map(Character::charCount).sum());
  }

  @Property(tries = 2000)
  void kubernetesNamingAndDnsChecksNeverThrow(@ForAll List<@net.jqwik.api.constraints.Size(max = 4) List<String>> aliases) {
    assertThat(AliasPolicy.kubernetesContainerNames(aliases)).hasSameSizeAs(aliases)
        .allSatisfy(n -> assertThat(AliasPolicy.dns1123LabelProblem(n)).isEmpty());
  }

  @Property(tries = 2000)
  void healthCheckPortParsingFailsOnlyWithGitLabsMessage(@ForAll String value) {
    try {
      int port = HealthCheckRule.parsePort(value);
      assertThat(port).isBetween(1, 65535);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessage("invalid health check tcp port: " + value);
    }
  }

  @Property(tries = 1000)
  void debugServicesParsingNeverThrows(@ForAll String value) {
    DebugServices setting = DebugServices.parse(value, false);
    assertThat(setting.enabled() && setting.warning().isPresent()).isFalse();
  }

  @Property(tries = 1000)
  void pullPolicyParsingFailsOnlyWithIllegalArgument(@ForAll String value) {
    try {
      assertThat(PullPolicy.parse(value).value()).isEqualTo(value);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("unsupported pull policy: \"" + value + "\"");
    }
  }

  @Property(tries = 2000)
  void globCompilationFailsOnlyWithIllegalArgument(@ForAll String pattern, @ForAll String name) {
    try {
      Glob.compile(pattern).matches(name);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotEmpty();
    }
  }

  @Property(tries = 1000)
  void planningAnyServiceNameNeverThrows(@ForAll("imageLike") String name, @ForAll("imageLike") String alias) {
    if (name.isBlank()) {
      return;
    }
    JobPlan plan = JobPlanner.plan(JobSpec.ofServices(ServiceSpec.builder(name).alias(alias).build()),
        RunnerConfig.defaults(), "0123456789abcdef");
    assertThat(plan.services().size() + plan.skipped().size() + plan.errors().size()).isPositive();
  }
}
