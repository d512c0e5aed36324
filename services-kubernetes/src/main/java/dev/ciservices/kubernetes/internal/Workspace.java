package dev.ciservices.kubernetes.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The workspace as a shell script for the {@code build} container: a gzipped tar of the directory,
 * base64 in a here-document, unpacked into {@code CI_PROJECT_DIR}. It travels on the exec's stdin
 * like every other script, so it needs nothing of the exec protocol but stdin.
 */
final class Workspace {
  private static final String END = "CI_SERVICES_WORKSPACE_END";

  private Workspace() {}

  static String script(Path workspace, String projectDir) {
    String archive = projectDir + ".tmp/workspace.tar.gz";
    return "base64 -d > " + ShellScript.quote(archive) + " <<'" + END + "'\n" + base64(workspace) + END + "\n"
        + "tar -xzf " + ShellScript.quote(archive) + " -C " + ShellScript.quote(projectDir) + " && rm -f "
        + ShellScript.quote(archive);
  }

  private static String base64(Path workspace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(workspace)) {
        paths = walk.filter(p -> !p.equals(workspace)).sorted().toList();
      }
      for (Path path : paths) {
        TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), workspace.relativize(path).toString().replace('\\', '/'));
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(path)) {
          Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("pack workspace " + workspace + ": " + e.getMessage(), e);
    }
    return Base64.getMimeEncoder(76, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(bytes.toByteArray()) + "\n";
  }
}
