package dev.ciservices.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java block of README.md and docs/*.md compiles against the project's artifacts. */
class DocsCompileTest {
  @TempDir
  Path work;

  @Test
  void everyJavaBlockOfTheDocsCompiles() {
    List<Path> markdown = DocSnippets.markdownFiles(DocSnippets.projectRoot());
    List<DocSnippets.Source> sources = DocSnippets.sources(markdown);

    List<String> errors = SnippetCompiler.compile(sources, work.resolve("src"), work.resolve("classes"));

    assertThat(errors).as("compile errors in the docs' Java blocks").isEmpty();
    assertThat(sources.stream().mapToLong(s -> s.blocks().size()).sum())
        .as("Java blocks found in %s", markdown).isGreaterThanOrEqualTo(10);
  }

  @Test
  void aBlockThatDoesNotCompileIsReportedWithItsMarkdownLine(@TempDir Path docs) throws Exception {
    Path md = docs.resolve("broken.md");
    java.nio.file.Files.writeString(md, """
        # Broken
        Some text.

        ```java
        JobSpec job = JobSpec.builder().build();
        job.noSuchMethod();
        ```
        """);

    List<String> errors = SnippetCompiler.compile(DocSnippets.sources(List.of(md)), work.resolve("src"),
        work.resolve("classes"));

    assertThat(errors).singleElement().asString().startsWith("broken.md:6 (").contains("cannot find symbol");
  }
}
