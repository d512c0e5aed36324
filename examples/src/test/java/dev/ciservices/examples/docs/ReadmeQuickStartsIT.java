package dev.ciservices.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The README's quick starts, compiled from the README itself and run as written, on the real engine. */
class ReadmeQuickStartsIT {
  @TempDir
  static Path work;
  static List<DocSnippets.Source> sources;
  static ClassLoader loader;

  @BeforeAll
  static void compileTheReadme() throws Exception {
    sources = DocSnippets.sources(List.of(DocSnippets.projectRoot().resolve("README.md")));
    assertThat(SnippetCompiler.compile(sources, work.resolve("src"), work.resolve("classes"))).isEmpty();
    loader = new URLClassLoader(new URL[] {work.resolve("classes").toUri().toURL()},
        ReadmeQuickStartsIT.class.getClassLoader());
  }

  @Test
  void thePlainJavaQuickStartPlansStartsTheServicesAndRunsTheJob() throws Exception {
    Method run = loader.loadClass(className(source("Quick start: plain Java", "Statements")))
        .getDeclaredMethod(DocSnippets.STATEMENTS_METHOD);
    run.setAccessible(true);

    String printed = printedBy(run);

    assertThat(printed)
        .contains("services[0] postgres:16.10", "hostnames:    postgres, db")
        .contains("Starting service postgres:16.10...", "Starting service redis:7...")
        .contains("$ redis-cli -h redis ping", "PONG")
        .contains("Job succeeded")
        .doesNotContain("glpat-...");
  }

  @Test
  void theJUnitQuickStartPassesItsTests() throws Exception {
    Class<?> test = loader.loadClass(className(source("Quick start: JUnit 5", "Types", "@CiServices")));

    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(test)).execute().testEvents();

    tests.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
  }

  private static DocSnippets.Source source(String heading, String file, String... containing) {
    return sources.stream()
        .filter(s -> s.blocks().get(0).heading().equals(heading) && s.path().endsWith("/" + file + ".java"))
        .filter(s -> List.of(containing).stream().allMatch(s.text()::contains))
        .findFirst().orElseThrow(() -> new AssertionError("no " + file + " block under \"" + heading + "\""));
  }

  private static String className(DocSnippets.Source source) {
    String path = source.path();
    return path.substring(0, path.length() - ".java".length()).replace('/', '.')
        .replaceFirst("\\.Types$", "." + typeName(source));
  }

  private static String typeName(DocSnippets.Source source) {
    var m = java.util.regex.Pattern.compile("(?m)^class (\\w+)").matcher(source.text());
    return m.find() ? m.group(1) : "Types";
  }

  private static String printedBy(Method run) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run.invoke(null);
    } finally {
      System.setOut(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    out.print(printed);
    return printed;
  }
}
