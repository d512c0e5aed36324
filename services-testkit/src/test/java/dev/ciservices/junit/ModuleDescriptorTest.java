package dev.ciservices.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's module on the module path sees the public packages of ci-services and none of the
 * internal ones: compiled here with javac against the modules this build made.
 */
class ModuleDescriptorTest {
  @TempDir Path dir;

  @Test
  void aUsersModuleReadsThePublicApiTransitively() throws IOException {
    String out = compile("""
        package app;
        import dev.ciservices.JobSpec;
        import dev.ciservices.ServiceSpec;
        import dev.ciservices.details.ServiceDetails;
        import dev.ciservices.docker.DockerBackend;
        import dev.ciservices.gitlab.GitLabCiFile;
        import dev.ciservices.junit.Service;
        import dev.ciservices.spi.ServiceBackend;
        @Service(name = "redis:7")
        public class Uses {
          JobSpec job = JobSpec.ofServices(ServiceSpec.of("redis:7"));
          Class<?>[] used = {ServiceDetails.class, DockerBackend.class, GitLabCiFile.class, ServiceBackend.class};
        }
        """, "requires dev.ciservices.junit; requires dev.ciservices.docker; requires dev.ciservices.gitlab;");
    assertThat(out).isEmpty();
  }

  @Test
  void internalPackagesAreNotVisibleToIt() throws IOException {
    String out = compile("""
        package app;
        import dev.ciservices.internal.Names;
        import dev.ciservices.docker.internal.Engine;
        import dev.ciservices.gitlab.internal.YamlLoader;
        import dev.ciservices.junit.internal.Declarations;
        public class Uses {}
        """, "requires dev.ciservices.junit; requires dev.ciservices.docker; requires dev.ciservices.gitlab;");
    assertThat(out)
        .contains("package dev.ciservices.internal is not visible")
        .contains("package dev.ciservices.docker.internal is not visible")
        .contains("package dev.ciservices.gitlab.internal is not visible")
        .contains("package dev.ciservices.junit.internal is not visible");
  }

  /** javac's diagnostics for a module {@code app} with this class and these directives; empty when it compiles. */
  private String compile(String source, String directives) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/app"));
    Files.writeString(dir.resolve("src/module-info.java"), "module app { " + directives + " }");
    Files.writeString(src.resolve("Uses.java"), source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    List<String> args = List.of("-d", dir.resolve("out").toString(), "--module-path", modulePath());
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      javac.getTask(out, files, null, args, null,
          files.getJavaFileObjects(dir.resolve("src/module-info.java"), src.resolve("Uses.java"))).call();
    }
    return out.toString();
  }

  /** The main classes and jars this test runs with (not the test classes, which are no module). */
  private static String modulePath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes") && !e.contains("surefire"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
