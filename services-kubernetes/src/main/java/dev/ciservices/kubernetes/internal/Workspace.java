package dev.ciservices.kubernetes.internal;

import dev.ciservices.internal.ShellScript;
import dev.ciservices.internal.WorkspaceFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The workspace as a shell script for the {@code build} container: a gzipped tar of the directory,
 * base64 in a here-document, unpacked into {@code CI_PROJECT_DIR}. It travels on the exec's stdin
 * like every other script, so it needs nothing of the exec protocol but stdin.
 */
final class Workspace {
  private static final String END = "CI_SERVICES_WORKSPACE_END";

  private Workspace() {}

  /** The selected paths of the workspace (see {@link WorkspaceFiles}) unpacked into {@code projectDir}. */
  static String script(WorkspaceFiles.Selection selection, String projectDir) {
    String archive = projectDir + ".tmp/workspace.tar.gz";
    return "base64 -d > " + ShellScript.quote(archive) + " <<'" + END + "'\n" + base64(selection) + END + "\n"
        + "tar -xzf " + ShellScript.quote(archive) + " -C " + ShellScript.quote(projectDir) + " && rm -f "
        + ShellScript.quote(archive);
  }

  private static String base64(WorkspaceFiles.Selection selection) {
    Path workspace = selection.directory();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String name : selection.paths()) {
        Path path = workspace.resolve(name);
        boolean link = Files.isSymbolicLink(path);
        TarArchiveEntry entry;
        if (link) {
          entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else {
          entry = new TarArchiveEntry(path, name, LinkOption.NOFOLLOW_LINKS);
        }
        tar.putArchiveEntry(entry);
        if (!link && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
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
