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

  /** Podman puts a timestamp before every frame of a timestamped log stream, Docker only before a line. */
  @Test
  void aTimestampBeforeAFrameThatContinuesALineIsDroppedSoTheSecretIsWhole() {
    List<String> lines = new ArrayList<>();
    LineFrames frames = new LineFrames(line -> lines.add(MASKER.mask(line)), MASKER, true);
    String half1 = SECRET.substring(0, 9);
    String half2 = SECRET.substring(9);
    for (String frame : List.of("2026-12-02T07:40:58.123456789Z token " + half1, "2026-12-02T07:40:58Z " + half2 + "\n",
        "2026-12-02T07:40:59+01:00 next " + half1, half2 + " docker\n", "2026-12-02T07:41:00Z last\n")) {
      frames.onNext(new Frame(StreamType.STDOUT, frame.getBytes(StandardCharsets.UTF_8)));
    }
    frames.onComplete();
    assertThat(lines).containsExactly("2026-12-02T07:40:58.123456789Z token [MASKED]",
        "2026-12-02T07:40:59+01:00 next [MASKED] docker", "2026-12-02T07:41:00Z last");
  }

  @Test
  void withoutTimestampsAFrameThatLooksLikeOneIsKept() {
    List<String> lines = new ArrayList<>();
    LineFrames frames = new LineFrames(lines::add, Masker.NONE);
    frames.onNext(new Frame(StreamType.STDOUT, "at ".getBytes(StandardCharsets.UTF_8)));
    frames.onNext(new Frame(StreamType.STDOUT, "2026-12-02T07:40:58Z x\n".getBytes(StandardCharsets.UTF_8)));
    frames.onComplete();
    assertThat(lines).containsExactly("at 2026-12-02T07:40:58Z x");
  }
}
