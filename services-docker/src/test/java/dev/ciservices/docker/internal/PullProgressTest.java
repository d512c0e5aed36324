package dev.ciservices.docker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.ciservices.JobEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PullResponseItem item(String json) throws Exception {
    return JSON.readValue(json, PullResponseItem.class);
  }

  @Test
  void sumsTheLayersOfADockerPullStream() throws Exception {
    PullProgress progress = new PullProgress("r.example/app:1");
    for (String line : List.of(
        "{\"status\":\"Pulling from app\",\"id\":\"1\"}",
        "{\"status\":\"Already exists\",\"progressDetail\":{},\"id\":\"aaa\"}",
        "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"bbb\"}",
        "{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"ccc\"}",
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1000,\"total\":5000},\"id\":\"bbb\"}",
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":2000,\"total\":3000},\"id\":\"ccc\"}")) {
      progress.accept(item(line));
    }
    JobEvent.ImagePullProgress midway = progress.event(false);
    assertThat(midway.layers()).isEqualTo(3);
    assertThat(midway.layersDone()).isEqualTo(1);
    assertThat(midway.bytesDone()).isEqualTo(3000);
    assertThat(midway.bytesTotal()).isEqualTo(8000);
    assertThat(progress.summary()).isEqualTo("0.0 MB of 0.0 MB, 1 of 3 layers");
    for (String line : List.of(
        "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"ccc\"}",
        "{\"status\":\"Verifying Checksum\",\"progressDetail\":{},\"id\":\"bbb\"}",
        "{\"status\":\"Download complete\",\"progressDetail\":{},\"id\":\"bbb\"}",
        "{\"status\":\"Extracting\",\"progressDetail\":{\"current\":32768,\"total\":9000},\"id\":\"bbb\"}",
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"bbb\"}",
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"ccc\"}",
        "{\"status\":\"Digest: sha256:0123\"}",
        "{\"status\":\"Status: Downloaded newer image for r.example/app:1\"}")) {
      progress.accept(item(line));
    }
    JobEvent.ImagePullProgress done = progress.event(true);
    assertThat(done.layersDone()).isEqualTo(3);
    assertThat(done.bytesDone()).isEqualTo(8000);
    assertThat(done.bytesTotal()).isEqualTo(8000);
  }

  @Test
  void ignoresMessagesWithoutAStatusAsPodmanSendsThem() throws Exception {
    PullProgress progress = new PullProgress("r.example/app:1");
    assertThat(progress.accept(item("{\"stream\":\"Copying blob sha256:abc\\n\",\"id\":\"abc\"}"))).isFalse();
    assertThat(progress.accept(item("{\"id\":\"abc\",\"progressDetail\":{}}"))).isFalse();
    assertThat(progress.event(true).layers()).isZero();
  }

  @Test
  void classifiesOnlyNetworkFailuresAsWorthARetry() {
    assertThat(PullErrors.isTransient("Error response from daemon: Get \"http://127.0.0.1:5199/v2/\": dial tcp"
        + " 127.0.0.1:5199: connect: connection refused")).isTrue();
    assertThat(PullErrors.isTransient("read: Connection Reset by peer")).isTrue();
    assertThat(PullErrors.isTransient("Error response from daemon: manifest for r/x:1 not found: manifest unknown")).isFalse();
    assertThat(PullErrors.isTransient("unauthorized: authentication required")).isFalse();
    assertThat(PullErrors.isTransient("context deadline exceeded")).isFalse();
  }
}
