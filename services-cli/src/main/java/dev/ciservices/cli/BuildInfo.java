package dev.ciservices.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version and commit, then the Java runtime. */
final class BuildInfo implements IVersionProvider {
  /** The version and commit the build recorded; "unknown" for what it could not know (no .git). */
  record Build(String version, String commit) {}

  static Build build() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Build(known(p.getProperty("version")), known(p.getProperty("commit")));
  }

  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  @Override
  public String[] getVersion() {
    Build build = build();
    return new String[] {
        "ci-services " + build.version() + " (commit " + build.commit() + ")",
        "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
  }
}
