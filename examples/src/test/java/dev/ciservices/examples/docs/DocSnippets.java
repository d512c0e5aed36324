package dev.ciservices.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java blocks of the project's Markdown (README.md, docs/*.md) as compilable sources. A block
 * that declares types is a compilation unit; blocks of statements under one heading are the body
 * of one method, in order (a later block may use an earlier one's variables). Leading
 * {@code import} lines of a block are its own; every block also gets {@link #IMPORTS}, the imports
 * the docs leave out. Each block gets its own package, so two blocks may declare the same class.
 */
final class DocSnippets {
  /** The imports the docs leave out. */
  static final List<String> IMPORTS = List.of(
      "dev.ciservices.*", "dev.ciservices.docker.*", "dev.ciservices.gitlab.*", "dev.ciservices.junit.*",
      "dev.ciservices.junit.CiServices.Lifecycle", "java.lang.annotation.*", "java.nio.file.*", "java.sql.*",
      "java.sql.Connection", "java.util.*", "org.junit.jupiter.api.*", "org.junit.jupiter.api.extension.*",
      "redis.clients.jedis.Jedis", "org.testcontainers.containers.GenericContainer",
      "org.testcontainers.junit.jupiter.Container", "org.testcontainers.junit.jupiter.Testcontainers",
      "org.testcontainers.postgresql.PostgreSQLContainer", "dev.ciservices.details.*",
      "dev.ciservices.examples.bookshop.*", "org.springframework.beans.factory.annotation.Autowired",
      "org.springframework.boot.test.context.SpringBootTest",
      "org.springframework.boot.testcontainers.service.connection.ServiceConnection",
      "static org.assertj.core.api.Assertions.assertThat");
  /** The method that holds a heading's statements, in the class {@code Statements} of its package. */
  static final String STATEMENTS_METHOD = "run";

  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\w*)\\s*$");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
  private static final Pattern TYPE_START = Pattern.compile(
      "^((public|final|abstract|sealed|non-sealed|static)\\s+)*(class|interface|enum|record|@interface)\\s");
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  /** One fenced Java block: where it is and what it says. */
  record Block(Path file, int line, String heading, String code) {
    String where() {
      return file.getFileName() + ":" + line;
    }
  }

  /** A source file to compile: its path under the source root, its text, and the blocks it holds. */
  record Source(String path, String text, List<Block> blocks) {
    String packageName() {
      return path.substring(0, path.lastIndexOf('/')).replace('/', '.');
    }
  }

  private DocSnippets() {}

  /** The Markdown files whose Java blocks must compile: README.md and docs/*.md of the project root. */
  static List<Path> markdownFiles(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The project root, found from the working directory (a module's or the root's). */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no README.md with a docs/ folder above " + dir);
  }

  /** Every Java block of the file, in order. */
  static List<Block> blocks(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    String heading = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher h = HEADING.matcher(lines.get(i));
      if (h.matches()) {
        heading = h.group(1);
        continue;
      }
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        continue;
      }
      int start = i;
      StringBuilder code = new StringBuilder();
      for (i++; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
        code.append(lines.get(i)).append('\n');
      }
      if (fence.group(1).equals("java")) {
        blocks.add(new Block(file, start + 1, heading, code.toString()));
      }
    }
    return blocks;
  }

  /** The sources for every Java block of the given files. */
  static List<Source> sources(List<Path> files) {
    List<Source> sources = new ArrayList<>();
    for (Path file : files) {
      String fileId = file.getFileName().toString().replaceFirst("\\.md$", "").toLowerCase(Locale.ROOT)
          .replaceAll("[^a-z0-9]", "_");
      Map<String, List<Block>> statements = new LinkedHashMap<>();
      for (Block block : blocks(file)) {
        if (declaresTypes(block.code())) {
          String pkg = "docs." + fileId + ".line" + block.line();
          Matcher pub = PUBLIC_TYPE.matcher(block.code());
          String name = pub.find() ? pub.group(1) : "Types";
          sources.add(new Source(pkg.replace('.', '/') + "/" + name + ".java",
              unit(pkg, List.of(block), "%s"), List.of(block)));
        } else {
          statements.computeIfAbsent(block.heading(), k -> new ArrayList<>()).add(block);
        }
      }
      for (List<Block> group : statements.values()) {
        String pkg = "docs." + fileId + ".line" + group.get(0).line();
        sources.add(new Source(pkg.replace('.', '/') + "/Statements.java", unit(pkg, group,
            "final class Statements {\n  static void " + STATEMENTS_METHOD + "() throws Exception {\n%s  }\n}\n"),
            group));
      }
    }
    return sources;
  }

  private static boolean declaresTypes(String code) {
    String rest = withoutImports(code).strip();
    while (rest.startsWith("@") && !rest.startsWith("@interface")) {
      rest = afterAnnotation(rest).strip();
    }
    return TYPE_START.matcher(rest).find();
  }

  private static String afterAnnotation(String code) {
    int i = 1;
    while (i < code.length() && (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.')) {
      i++;
    }
    String rest = code.substring(i).stripLeading();
    if (!rest.startsWith("(")) {
      return rest;
    }
    int depth = 0;
    for (int j = 0; j < rest.length(); j++) {
      char c = rest.charAt(j);
      if (c == '"') {
        for (j++; j < rest.length() && rest.charAt(j) != '"'; j++) {
          if (rest.charAt(j) == '\\') {
            j++;
          }
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return rest.substring(j + 1);
      }
    }
    return "";
  }

  private static List<String> imports(String code) {
    return code.lines().map(String::strip).takeWhile(l -> l.isEmpty() || l.startsWith("import "))
        .filter(l -> !l.isEmpty()).toList();
  }

  private static String withoutImports(String code) {
    List<String> lines = code.lines().toList();
    int i = 0;
    while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).strip().startsWith("import "))) {
      i++;
    }
    return String.join("\n", lines.subList(i, lines.size())) + "\n";
  }

  /** A compilation unit: package, the docs' implicit imports, the blocks' own, then their code in the template. */
  private static String unit(String pkg, List<Block> blocks, String template) {
    StringBuilder text = new StringBuilder("package " + pkg + ";\n\n");
    IMPORTS.forEach(i -> text.append("import ").append(i).append(";\n"));
    StringBuilder body = new StringBuilder();
    for (Block block : blocks) {
      imports(block.code()).forEach(i -> text.append(i).append('\n'));
      body.append("// ").append(block.where()).append('\n').append(withoutImports(block.code()));
    }
    return text.append('\n').append(template.formatted(body)).toString();
  }
}
