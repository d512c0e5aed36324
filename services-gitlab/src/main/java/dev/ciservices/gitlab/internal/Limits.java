package dev.ciservices.gitlab.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * GitLab's limits on CI/CD configuration, so that no input takes unbounded time or memory: a file
 * is a regular file of at most {@link #MAX_FILE_BYTES} (GitLab's {@code max_yaml_size_bytes},
 * 2 MB), all files of a configuration together at most {@link #MAX_TOTAL_BYTES}, values nest at
 * most {@link #MAX_DEPTH} levels ({@code max_yaml_depth}), and the configuration with every alias
 * and {@code extends} expanded holds at most {@link #MAX_EXPANDED_VALUES} values.
 */
public final class Limits {
  /** GitLab's default {@code max_yaml_size_bytes}: 2 MB. */
  public static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
  /**
   * All files of one configuration together. GitLab allows 150 includes of 2 MB each; a local
   * reader keeps them in one JVM's heap, so we allow the main file and at most 4 MB more.
   */
  public static final long MAX_TOTAL_BYTES = 3 * MAX_FILE_BYTES;
  /** GitLab's default {@code max_yaml_depth}. */
  public static final int MAX_DEPTH = 100;
  /** Values of the configuration with aliases and {@code extends} expanded, as GitLab measures its parsed size. */
  public static final long MAX_EXPANDED_VALUES = 200_000;

  private long totalBytes;

  /**
   * Reads a configuration file as UTF-8 text within the limits.
   *
   * @param display the file's name in messages
   * @param loc where the file is named (an include), or the file itself
   * @throws ConfigError naming the file, the limit and the fix
   */
  public String read(Path file, String display, Loc loc, String prefix) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw ConfigError.at(loc, prefix + "the file \"" + display + "\" does not exist"
          + (display.equals(file.toString()) ? "" : " (looked for " + file + ")"));
    } catch (IOException e) {
      throw ConfigError.at(loc, prefix + "cannot read the file \"" + display + "\": " + e.getMessage());
    }
    if (!attributes.isRegularFile()) {
      String kind = attributes.isDirectory() ? "a directory" : attributes.isOther()
          ? "not a regular file (a device, FIFO or socket)" : "not a regular file";
      throw ConfigError.at(loc, prefix + "\"" + display + "\" is " + kind + "; GitLab reads only regular files:"
          + " give the path of a .gitlab-ci.yml file");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw tooBig(loc, prefix, display, attributes.size());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw ConfigError.at(loc, prefix + "cannot read the file \"" + display + "\": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw tooBig(loc, prefix, display, bytes.length);
    }
    add(bytes.length, loc, prefix, display);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ConfigError.at(loc, prefix + "\"" + display + "\" is not UTF-8 text; save it as UTF-8");
    }
  }

  /**
   * Counts a file fetched over HTTP or read from the include cache ({@code include: remote},
   * {@code project}, {@code template}, {@code component}) within the same limits as a local file.
   *
   * @return the text
   * @throws ConfigError naming the file, the limit and the fix
   */
  public String fetched(String text, String display, Loc loc, String prefix) {
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_BYTES) {
      throw tooBig(loc, prefix, display, bytes);
    }
    add(bytes, loc, prefix, display);
    return text;
  }

  private void add(long bytes, Loc loc, String prefix, String display) {
    totalBytes += bytes;
    if (totalBytes > MAX_TOTAL_BYTES) {
      throw ConfigError.at(loc, prefix + "with \"" + display + "\" the configuration's files hold " + totalBytes
          + " bytes, more than the limit of " + MAX_TOTAL_BYTES + " bytes for all files together; include fewer"
          + " or smaller files");
    }
  }

  /** Counts text that did not come from a file (the main configuration given as a string). */
  public void countText(String text, String display) {
    long bytes = text.length();
    if (bytes > MAX_FILE_BYTES) {
      throw tooBig(Loc.file(display), "", display, bytes);
    }
    totalBytes += bytes;
  }

  private static ConfigError tooBig(Loc loc, String prefix, String display, long size) {
    return ConfigError.at(loc, prefix + "\"" + display + "\" is " + size + " bytes, more than GitLab's limit of "
        + MAX_FILE_BYTES + " bytes (2 MB, max_yaml_size_bytes) for one file; split it with include: local");
  }

  /**
   * Checks the size of a configuration with every shared value counted each time it is used: a
   * few bytes of nested aliases can stand for billions of values.
   *
   * @param what what was expanded, for the message, e.g. {@code aliases} or {@code aliases and extends}
   */
  static void checkExpanded(YNode root, String file, String what) {
    long values = new Counter().count(root);
    if (values > MAX_EXPANDED_VALUES) {
      throw ConfigError.at(Loc.file(file), "with its " + what + " expanded the configuration holds more than "
          + MAX_EXPANDED_VALUES + " values, the limit (GitLab limits a configuration's parsed size too); use fewer"
          + " nested aliases, or smaller shared values");
    }
  }

  /** Counts values once per use, each shared value measured once: linear in the distinct values. */
  private static final class Counter {
    private final Map<YNode, Long> sizes = new IdentityHashMap<>();

    long count(YNode node) {
      Long known = sizes.get(node);
      if (known != null) {
        return known;
      }
      long size = 1;
      if (node instanceof YMap map) {
        for (YMap.Entry e : map.entries().values()) {
          size = saturated(size + count(e.value()));
        }
      } else if (node instanceof YSeq seq) {
        for (YNode item : seq.items()) {
          size = saturated(size + count(item));
        }
      }
      sizes.put(node, size);
      return size;
    }

    private static long saturated(long n) {
      return Math.min(n, MAX_EXPANDED_VALUES + 1);
    }
  }
}
