package dev.ciservices.cli;

import dev.ciservices.JobEvent;
import dev.ciservices.ServiceListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The trace on a terminal, with one progress bar per image being pulled on a status line below it:
 * the status line is cleared before each trace line and drawn again after it. Colour only without
 * {@code NO_COLOR}. For output that is not a terminal, {@link #of} gives the plain trace.
 */
final class ProgressBars implements ServiceListener {
  private static final int BAR = 20;
  private static final String CLEAR = "\r\u001b[K";

  private final PrintWriter out;
  private final boolean color;
  private final int width;
  private final Map<String, JobEvent.ImagePullProgress> pulls = new LinkedHashMap<>();
  private boolean drawn;

  ProgressBars(PrintWriter out, boolean color, int width) {
    this.out = out;
    this.color = color;
    this.width = width;
  }

  /** GitLab's colours in trace lines: SGR sequences, dropped when colours are off. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[[0-9;]*m");

  /** Bars when standard output is a terminal, else the plain trace; without colours, lines lose GitLab's. */
  static ServiceListener of(PrintWriter out, boolean colours) {
    String term = System.getenv("TERM");
    if (System.console() == null || "dumb".equals(term)) {
      return ServiceListener.trace(line -> out.println(colours ? line : plain(line)));
    }
    String noColor = System.getenv("NO_COLOR");
    int columns = 100;
    try {
      columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
    } catch (NumberFormatException ignored) {
      // keep the default width
    }
    return new ProgressBars(out, colours && (noColor == null || noColor.isEmpty()), columns);
  }

  private static String plain(String line) {
    return ANSI_ESCAPE.matcher(line).replaceAll("");
  }

  @Override
  public synchronized void onTrace(String line) {
    clear();
    out.println(color ? line : plain(line));
    draw();
  }

  @Override
  public synchronized void onEvent(JobEvent event) {
    if (event instanceof JobEvent.ImagePullProgress p) {
      if (p.complete()) {
        pulls.remove(p.image());
      } else {
        pulls.put(p.image(), p);
      }
      clear();
      draw();
    }
  }

  private void clear() {
    if (drawn) {
      out.print(CLEAR);
      drawn = false;
    }
  }

  private void draw() {
    if (pulls.isEmpty()) {
      out.flush();
      return;
    }
    StringBuilder line = new StringBuilder();
    for (JobEvent.ImagePullProgress p : pulls.values()) {
      line.append(line.length() == 0 ? "" : "  ").append(bar(p));
    }
    String text = line.length() > width - 1 ? line.substring(0, Math.max(0, width - 1)) : line.toString();
    out.print(text);
    out.flush();
    drawn = true;
  }

  /** {@code redis:7 [########------------] 40% 3.1/7.8 MB 1/3}: one image. */
  String bar(JobEvent.ImagePullProgress p) {
    double done = p.bytesTotal() == 0 ? 0 : (double) p.bytesDone() / p.bytesTotal();
    int filled = (int) Math.round(done * BAR);
    String fill = "#".repeat(filled);
    String rest = "-".repeat(BAR - filled);
    String bar = color ? "\u001b[32m" + fill + "\u001b[0m" + rest : fill + rest;
    return String.format(Locale.ROOT, "%s [%s] %3d%% %.1f/%.1f MB %d/%d", p.image(), bar, Math.round(done * 100),
        p.bytesDone() / 1e6, p.bytesTotal() / 1e6, p.layersDone(), p.layers());
  }
}
