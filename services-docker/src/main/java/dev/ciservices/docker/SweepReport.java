package dev.ciservices.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep removed (or, in a dry run, would remove), what it kept, and why; and one warning per
 * error, since a sweep never fails.
 *
 * @param removed the resources removed, or to remove in a dry run
 * @param kept the resources of ci-services left alone, with the reason
 * @param warnings one line per error (a resource that could not be removed, a listing that failed)
 * @param dryRun whether nothing was removed
 */
public record SweepReport(List<Item> removed, List<Item> kept, List<String> warnings, boolean dryRun) {

  /** Copies the lists. */
  public SweepReport {
    removed = List.copyOf(removed);
    kept = List.copyOf(kept);
    warnings = List.copyOf(warnings);
  }

  /**
   * One resource.
   *
   * @param kind {@code container}, {@code network} or {@code volume}
   * @param name its name
   * @param reason why it is removed or kept
   */
  public record Item(String kind, String name, String reason) {
    @Override
    public String toString() {
      return kind + " " + name + ": " + reason;
    }
  }

  /** The report for people: one line per resource and per warning, then a summary. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    String verb = dryRun ? "would remove " : "removed ";
    removed.forEach(i -> lines.add(verb + i));
    kept.forEach(i -> lines.add("kept " + i));
    warnings.forEach(w -> lines.add("WARNING: " + w));
    lines.add((dryRun ? "would remove " : "removed ") + removed.size() + " resource" + (removed.size() == 1 ? "" : "s")
        + ", kept " + kept.size() + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning"
        + (warnings.size() == 1 ? "" : "s")));
    return lines;
  }
}
