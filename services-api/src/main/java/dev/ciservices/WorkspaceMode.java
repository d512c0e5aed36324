package dev.ciservices;

/**
 * What of the host directory a job sees at {@code CI_PROJECT_DIR} (see {@link JobSpec#workspace()}).
 *
 * <p>GitLab clones the repository there: a job sees the tracked files and nothing the developer's
 * own builds left beside them.
 */
public enum WorkspaceMode {
  /**
   * The checkout's tracked files ({@code git ls-files}), copied as they are in the working tree, so
   * that uncommitted changes to them can be tested before committing; untracked and ignored files are
   * left out, as are tracked files deleted in the working tree. Submodules are empty directories, as
   * with GitLab's default {@code GIT_SUBMODULE_STRATEGY: none}. Without {@code .git}. A directory
   * that is not in a git checkout, or none of whose files is tracked, is copied whole, and the trace
   * says so.
   */
  TRACKED_FILES,

  /** Every file of the directory, untracked and ignored ones (build output, {@code .git}) included. */
  DIRECTORY,

  /**
   * The directory itself, bind-mounted read-write at {@code CI_PROJECT_DIR}: nothing is copied and
   * what the job writes stays on the host. The Docker backend only; the engine must see the host's
   * path.
   */
  BIND_MOUNT
}
