package dev.ciservices.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciservices.JobEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {
  private static JobEvent.ImagePullProgress progress(String image, long done, long total, boolean complete) {
    return new JobEvent.ImagePullProgress(Instant.EPOCH, image, 3, complete ? 3 : 1, done, total, complete);
  }

  @Test
  void drawsABarPerImageBelowTheTraceAndClearsItWhenThePullEnds() {
    StringWriter text = new StringWriter();
    ProgressBars bars = new ProgressBars(new PrintWriter(text), false, 200);
    bars.onTrace("Pulling docker image a:1 ...");
    bars.onEvent(progress("a:1", 4_000_000, 10_000_000, false));
    bars.onEvent(progress("b:2", 1_000_000, 2_000_000, false));
    bars.onTrace("Pulling docker image c:3 ...");
    bars.onEvent(progress("a:1", 10_000_000, 10_000_000, true));
    assertThat(text.toString()).isEqualTo("Pulling docker image a:1 ...\n"
        + "a:1 [########------------]  40% 4.0/10.0 MB 1/3"
        + "\r\u001b[Ka:1 [########------------]  40% 4.0/10.0 MB 1/3  b:2 [##########----------]  50% 1.0/2.0 MB 1/3"
        + "\r\u001b[KPulling docker image c:3 ...\n"
        + "a:1 [########------------]  40% 4.0/10.0 MB 1/3  b:2 [##########----------]  50% 1.0/2.0 MB 1/3"
        + "\r\u001b[Kb:2 [##########----------]  50% 1.0/2.0 MB 1/3");
  }

  @Test
  void colorsTheFilledPartUnlessNoColorIsSet() {
    ProgressBars colored = new ProgressBars(new PrintWriter(new StringWriter()), true, 200);
    assertThat(colored.bar(progress("a:1", 5, 10, false))).isEqualTo("a:1 [\u001b[32m##########\u001b[0m----------]  50% 0.0/0.0 MB 1/3");
    ProgressBars plain = new ProgressBars(new PrintWriter(new StringWriter()), false, 200);
    assertThat(plain.bar(progress("a:1", 5, 10, false))).doesNotContain("\u001b");
  }

  @Test
  void cutsTheStatusLineToTheTerminalWidth() {
    StringWriter text = new StringWriter();
    ProgressBars bars = new ProgressBars(new PrintWriter(text), false, 21);
    bars.onEvent(progress("registry.example.com/a/very/long/image:1", 1, 2, false));
    assertThat(text.toString()).hasSize(20);
  }
}
