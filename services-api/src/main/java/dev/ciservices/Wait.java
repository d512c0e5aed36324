package dev.ciservices;

/** Extra readiness conditions, in Testcontainers' vocabulary: {@code Wait.forHttp(8080, "/health")}. */
public final class Wait {
  private Wait() {}

  /** The image's Docker {@code HEALTHCHECK} must report {@code healthy} (GitLab ignores it). */
  public static WaitCondition forHealthcheck() {
    return new WaitCondition.DockerHealthcheck();
  }

  /** A line of the service's output must match {@code regex}. */
  public static WaitCondition forLogMessage(String regex) {
    return new WaitCondition.LogMessage(regex, 1);
  }

  /** {@code times} lines of the service's output must match {@code regex}. */
  public static WaitCondition forLogMessage(String regex, int times) {
    return new WaitCondition.LogMessage(regex, times);
  }

  /** {@code GET path} on the container port must answer 200; {@link WaitCondition.Http#forStatus} changes that. */
  public static WaitCondition.Http forHttp(int port, String path) {
    return new WaitCondition.Http(port, path, 200);
  }
}
