package dev.ciservices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.WorkspaceMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir
  Path dir;

  static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "init.defaultBranch=main", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A checkout: two committed files, one changed, one deleted, a staged new one, untracked and ignored output. */
  private void checkout() throws Exception {
    write("README.md", "hello\n");
    write("src/main/App.java", "class App {}\n");
    write("src/gone.txt", "x\n");
    write(".gitignore", "target/\n");
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "first");
    write("README.md", "hello, changed\n");
    Files.delete(dir.resolve("src/gone.txt"));
    write("docs/new.md", "staged\n");
    git(dir, "add", "docs/new.md");
    write("notes.txt", "untracked\n");
    write("target/app.jar", "build output\n");
  }

  @Test
  void trackedFilesAreTheCheckoutsAsInTheWorkingTreeWithoutUntrackedIgnoredOrDeletedOnes() throws Exception {
    checkout();
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir, WorkspaceMode.TRACKED_FILES);
    assertThat(s.paths()).containsExactly(".gitignore", "README.md", "docs", "docs/new.md", "src", "src/main",
        "src/main/App.java");
    assertThat(s.description()).isEqualTo("Copying the 4 tracked files of the checkout as they are in the working"
        + " tree (2 with uncommitted changes, 1 deleted and left out); untracked files are not copied (workspace mode"
        + " directory copies them)");
  }

  @Test
  void aSubdirectoryOfTheCheckoutGivesItsOwnTrackedFiles() throws Exception {
    checkout();
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir.resolve("src"), WorkspaceMode.TRACKED_FILES);
    assertThat(s.paths()).containsExactly("main", "main/App.java");
    assertThat(s.description()).startsWith("Copying the 1 tracked files of the checkout as they are in the working"
        + " tree (0 with uncommitted changes, 1 deleted and left out)");
  }

  @Test
  void aSymbolicLinkIsTrackedAsALink() throws Exception {
    write("target.txt", "t\n");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
    git(dir, "init", "-q");
    git(dir, "add", ".");
    assertThat(WorkspaceFiles.select(dir, WorkspaceMode.TRACKED_FILES).paths()).containsExactly("link", "target.txt");
  }

  @Test
  void directoryModeCopiesEverythingIncludingGitAndBuildOutput() throws Exception {
    checkout();
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir, WorkspaceMode.DIRECTORY);
    assertThat(s.paths()).contains(".git", ".git/HEAD", "notes.txt", "target", "target/app.jar", "docs/new.md")
        .doesNotContain("src/gone.txt");
    assertThat(s.description()).startsWith("Copying every file of " + dir + " (")
        .endsWith(" files, untracked ones included)");
  }

  @Test
  void outsideAGitCheckoutTheWholeDirectoryIsCopiedAndTheTraceSaysWhy() throws Exception {
    write("a.txt", "a\n");
    write("b/c.txt", "c\n");
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir, WorkspaceMode.TRACKED_FILES);
    assertThat(s.paths()).containsExactly("a.txt", "b", "b/c.txt");
    assertThat(s.description()).isEqualTo("Copying every file of " + dir + " (2 files): it is not in a git"
        + " checkout (git: fatal: not a git repository (or any of the parent directories): .git), so there are no"
        + " tracked files to choose");
  }

  @Test
  void anUntrackedDirectoryInsideACheckoutIsCopiedWholeRatherThanLeftEmpty() throws Exception {
    checkout();
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir.resolve("target"), WorkspaceMode.TRACKED_FILES);
    assertThat(s.paths()).containsExactly("app.jar");
    assertThat(s.description()).isEqualTo("Copying every file of " + dir.resolve("target") + " (1 files): none of"
        + " them is tracked by the git checkout it is in");
  }

  @Test
  void aBindMountCopiesNothing() {
    WorkspaceFiles.Selection s = WorkspaceFiles.select(dir, WorkspaceMode.BIND_MOUNT);
    assertThat(s.paths()).isEmpty();
    assertThat(s.description()).isEqualTo("Mounting " + dir + " read-write at the project directory (nothing is"
        + " copied; what the job writes stays)");
  }
}
