package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.ciservices.internal.Masker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Container output is masked on the byte stream: a value or a character split between frames is still whole. */
class LineFramesTest {
  private static final String SECRET = "s3cr3t-T0ken.value";
  private static final Masker MASKER = new Masker(List.of(SECRET));

  /** Feeds the bytes of {@code text} as frames cut at the given byte offsets; returns the masked lines. */
  private static List<String> lines(String text, int... cuts) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    LineFrames frames = new LineFrames(line -> lines.add(MASKER.mask(line)), MASKER);
    int from = 0;
    for (int cut : cuts) {
      frames.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(bytes, from, cut)));
      from = cut;
    }
    frames.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(bytes, from, bytes.length)));
    frames.onComplete();
    if (text.length() < 200) {
      System.out.println("frames cut at " + Arrays.toString(cuts) + " -> " + lines);
    }
    return lines;
  }

  @Test
  void aSecretSplitBetweenTwoFramesIsMasked() {
    String line = "token is " + SECRET + " ok\n";
    for (int cut = 1; cut < line.length() - 1; cut++) {
      assertThat(lines(line, cut)).containsExactly("token is [MASKED] ok");
    }
  }

  @Test
  void aCharacterSplitBetweenTwoFramesStaysWholeAndTheSecretAfterItIsMasked() {
    String line = "\u00e9t\u00e9 \u2603 " + SECRET + "\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < bytes.length - 1; cut++) {
      assertThat(lines(line, cut)).containsExactly("\u00e9t\u00e9 \u2603 [MASKED]");
    }
    assertThat(lines(line, 1, 4, 6, 7, 12)).containsExactly("\u00e9t\u00e9 \u2603 [MASKED]");
  }

  @Test
  void anOverlongLineIsCutWhereNoSecretCrossesTheCut() {
    StringBuilder text = new StringBuilder();
    while (text.length() < LineFrames.MAX_LINE - 5) {
      text.append('x');
    }
    text.append(SECRET).append("tail\n");
    List<String> lines = lines(text.toString(), 1000, LineFrames.MAX_LINE - 2, LineFrames.MAX_LINE + 3);
    assertThat(String.join("", lines)).doesNotContain(SECRET).endsWith("[MASKED]tail");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(LineFrames.MAX_LINE + 8));
  }
}
