package dev.ciservices.gitlab.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one format of errors and warnings, {@code file:line: job "name": problem; fix}, and a list of
 * warnings kept in the order they are written (by file as first met, then by line).
 */
public final class Diagnostics {
  private record Warning(Loc loc, String text) {}

  private final List<Warning> warnings = new ArrayList<>();
  private final List<String> files = new ArrayList<>();

  /** Formats a message. */
  public static String format(Loc loc, @Nullable String job, String problem) {
    return loc + ": " + (job == null ? "" : "job \"" + job + "\": ") + problem;
  }

  /** Adds a warning unless the same one is there already. */
  void warn(Loc loc, @Nullable String job, String problem) {
    Warning w = new Warning(loc, format(loc, job, problem));
    if (!warnings.contains(w)) {
      warnings.add(w);
      if (!files.contains(loc.file())) {
        files.add(loc.file());
      }
    }
  }

  /** The warnings, ordered by where they are written; warnings on one line keep their order. */
  List<String> warnings() {
    return warnings.stream()
        .sorted(Comparator.<Warning>comparingInt(w -> files.indexOf(w.loc().file())).thenComparingInt(w -> w.loc().line()))
        .map(Warning::text)
        .toList();
  }
}
