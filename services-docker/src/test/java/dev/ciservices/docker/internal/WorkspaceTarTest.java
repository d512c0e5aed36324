package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciservices.internal.WorkspaceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTarTest {
  @TempDir
  Path dir;

  private record Entry(String name, String kind, int mode, String content) {}

  private static List<Entry> read(InputStream stream) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String kind = e.isSymbolicLink() ? "link" : e.isDirectory() ? "dir" : "file";
        String content = e.isSymbolicLink() ? e.getLinkName()
            : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(e.getLongUserId()).isZero();
        entries.add(new Entry(e.getName(), kind, e.getMode() & 07777, content));
      }
    }
    return entries;
  }

  @Test
  void theSelectionBecomesAnUncompressedTarWithModesLinksAndLongNames() throws IOException {
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(dir.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("README.md"), "hello\n");
    Files.setPosixFilePermissions(dir.resolve("README.md"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.createSymbolicLink(dir.resolve("latest"), Path.of("bin/run.sh"));
    String deep = "d".repeat(120) + "/" + "é".repeat(60) + ".txt";
    Files.createDirectories(dir.resolve(deep).getParent());
    Files.writeString(dir.resolve(deep), "deep\n");
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(1).nextBytes(big);
    Files.write(dir.resolve("big.bin"), big);
    WorkspaceFiles.Selection selection = new WorkspaceFiles.Selection(dir, List.of("README.md", "big.bin", "bin",
        "bin/run.sh", "d".repeat(120), deep, "latest"), "test");
    List<Entry> entries;
    try (WorkspaceTar tar = new WorkspaceTar(selection)) {
      entries = read(tar);
    }
    Map<String, Entry> byName = new TreeMap<>();
    entries.forEach(e -> byName.put(e.name(), e));
    assertThat(entries).extracting(Entry::name).containsExactly("README.md", "big.bin", "bin/", "bin/run.sh",
        "d".repeat(120) + "/", deep, "latest");
    assertThat(byName.get("README.md")).isEqualTo(new Entry("README.md", "file", 0644, "hello\n"));
    assertThat(byName.get("bin/run.sh").mode()).isEqualTo(0755);
    assertThat(byName.get("bin/").kind()).isEqualTo("dir");
    assertThat(byName.get("latest")).isEqualTo(new Entry("latest", "link", 0777, "bin/run.sh"));
    assertThat(byName.get(deep).content()).isEqualTo("deep\n");
    assertThat(byName.get("big.bin").content().length()).isPositive();
  }

  @Test
  void aFileThatVanishesIsReportedByItsPath() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a\n");
    WorkspaceFiles.Selection selection = new WorkspaceFiles.Selection(dir, List.of("a.txt", "gone.txt"), "test");
    Files.writeString(dir.resolve("gone.txt"), "soon gone\n");
    Files.delete(dir.resolve("gone.txt"));
    try (WorkspaceTar tar = new WorkspaceTar(selection)) {
      assertThatThrownBy(() -> tar.transferTo(java.io.OutputStream.nullOutputStream()))
          .isInstanceOf(IOException.class).hasMessageStartingWith("gone.txt: ");
    }
  }

  @Test
  void closingEarlyStopsTheWriter() throws Exception {
    byte[] big = new byte[20 * 1024 * 1024];
    Files.write(dir.resolve("big.bin"), big);
    WorkspaceTar tar = new WorkspaceTar(new WorkspaceFiles.Selection(dir, List.of("big.bin"), "test"));
    assertThat(tar.read(new byte[1000])).isPositive();
    tar.close();
    Thread writer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("ci-services-workspace-tar")).findFirst().orElse(null);
    if (writer != null) {
      writer.join(5000);
      assertThat(writer.isAlive()).isFalse();
    }
  }
}
