package dev.ciservices.docker.internal;

import dev.ciservices.internal.WorkspaceFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * A workspace selection as an uncompressed tar stream, written by a thread of its own while the
 * engine reads it: nothing is compressed and nothing is staged on disk, as {@code docker cp} does.
 * Entries are owned by root (as {@code docker cp} extracts them), with the files' own permission bits.
 *
 * <p>{@link #close()} stops the writer when the reader gives up early; a writer failure reaches the
 * reader as an {@link IOException} naming the path.
 */
final class WorkspaceTar extends InputStream {
  private static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
  private final Thread writer;
  private volatile boolean closed;
  private volatile @Nullable IOException failure;
  private byte @Nullable [] current;
  private int position;

  WorkspaceTar(WorkspaceFiles.Selection selection) {
    writer = new Thread(() -> write(selection), "ci-services-workspace-tar");
    writer.setDaemon(true);
    writer.start();
  }

  private void write(WorkspaceFiles.Selection selection) {
    Path dir = selection.directory();
    String at = "";
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(new Sink(), CHUNK))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (String path : selection.paths()) {
        at = path;
        Path file = dir.resolve(path);
        TarArchiveEntry entry;
        boolean regular = false;
        if (Files.isSymbolicLink(file)) {
          entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
          entry.setLinkName(Files.readSymbolicLink(file).toString());
          entry.setMode(0120777);
        } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          entry = new TarArchiveEntry(path + "/", TarConstants.LF_DIR);
          entry.setMode(040000 | mode(file, 0755));
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL);
          entry.setMode(0100000 | mode(file, 0644));
          entry.setSize(Files.size(file));
          regular = true;
        } else if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new java.nio.file.NoSuchFileException(file.toString(), null, "it was removed while the workspace was"
              + " being copied");
        } else {
          continue; // sockets, pipes, devices: not part of a checkout
        }
        entry.setModTime(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
        entry.setIds(0, 0);
        tar.putArchiveEntry(entry);
        if (regular) {
          long copied = Files.copy(file, tar);
          if (copied != entry.getSize()) {
            throw new IOException("it changed size while being copied");
          }
        }
        tar.closeArchiveEntry();
      }
      at = "";
      tar.finish();
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        failure = new IOException(at.isEmpty() ? e.getMessage() : at + ": " + e.getMessage(), e);
      }
    } finally {
      offer(END);
    }
  }

  private static int mode(Path file, int fallback) throws IOException {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission permission : p) {
        mode |= 0400 >> permission.ordinal();
      }
      return mode;
    } catch (UnsupportedOperationException e) {
      return Files.isExecutable(file) ? fallback | 0111 : fallback;
    }
  }

  /** Hands a chunk to the reader; false once the reader closed the stream. */
  private boolean offer(byte[] chunk) {
    try {
      while (!closed) {
        if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private final class Sink extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0 && !offer(java.util.Arrays.copyOfRange(b, off, off + len))) {
        throw new InterruptedIOException("the engine stopped reading the workspace");
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    byte[] chunk = current;
    while (chunk == null || position == chunk.length) {
      if (chunk == END) {
        return -1;
      }
      try {
        chunk = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while copying the workspace");
      }
      if (chunk == END) {
        current = END;
        IOException f = failure;
        if (f != null) {
          throw f;
        }
        return -1;
      }
      current = chunk;
      position = 0;
    }
    int n = Math.min(len, chunk.length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void close() {
    closed = true;
    chunks.clear();
    writer.interrupt();
  }
}
