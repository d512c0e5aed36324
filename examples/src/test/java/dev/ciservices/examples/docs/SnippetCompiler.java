package dev.ciservices.examples.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles the docs' sources with the test class path, as a user's project would. */
final class SnippetCompiler {
  private SnippetCompiler() {}

  /** The errors, each as "README.md:61 (docs/readme/line61/Types.java:12): message"; empty when all compiled. */
  static List<String> compile(List<DocSnippets.Source> sources, Path sourceDir, Path classesDir) {
    List<Path> files = new ArrayList<>();
    try {
      for (DocSnippets.Source source : sources) {
        Path file = sourceDir.resolve(source.path());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.text());
        files.add(file);
      }
      Files.createDirectories(classesDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("--release", "17", "-proc:none", "-cp", testClassPath(), "-d",
          classesDir.toString());
      javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String path = d.getSource() == null ? "?" : sourceDir.relativize(Path.of(d.getSource().toUri())).toString();
      errors.add(origin(sources, path, d.getLineNumber()) + " (" + path + ":" + d.getLineNumber() + "): "
          + d.getMessage(Locale.ROOT));
    }
    return errors;
  }

  /** The Markdown file and line a line of a generated source came from. */
  private static String origin(List<DocSnippets.Source> sources, String path, long line) {
    for (DocSnippets.Source source : sources) {
      if (!source.path().equals(path)) {
        continue;
      }
      List<String> lines = source.text().lines().toList();
      for (int i = (int) Math.min(line, lines.size()) - 1; i >= 0; i--) {
        String l = lines.get(i);
        if (l.startsWith("// ") && l.contains(".md:")) {
          String[] at = l.substring(3).split(":");
          return at[0] + ":" + (Integer.parseInt(at[1]) + (line - 1 - i));
        }
      }
    }
    return path;
  }

  /** Surefire and Failsafe run tests from a manifest-only jar and say the real class path here. */
  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path", "").replace(';', File.pathSeparatorChar);
  }
}
