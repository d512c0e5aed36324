package dev.ciservices;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An extra readiness condition for one service, checked after GitLab's TCP health check; build one
 * with {@link Wait}. A service is ready when the TCP check and every extra condition hold.
 */
public sealed interface WaitCondition {

  /** A phrase for plans and diagnostics. */
  String describe();

  /** The image's Docker {@code HEALTHCHECK} reports {@code healthy}. */
  record DockerHealthcheck() implements WaitCondition {
    @Override
    public String describe() {
      return "Docker HEALTHCHECK healthy";
    }
  }

  /**
   * The service's output (stdout and stderr) holds {@code times} lines matching {@code regex}.
   *
   * @param regex a Java regular expression matched against each whole line
   * @param times how many matching lines are needed, at least 1
   */
  record LogMessage(String regex, int times) implements WaitCondition {
    /** Checks the values. */
    public LogMessage {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("Wait.forLogMessage regex \"" + regex + "\" is not a valid regular"
            + " expression: " + e.getDescription(), e);
      }
      if (times < 1) {
        throw new IllegalArgumentException("Wait.forLogMessage times " + times + " must be 1 or more");
      }
    }

    /** The compiled expression. */
    public Pattern pattern() {
      return Pattern.compile(regex);
    }

    @Override
    public String describe() {
      return "log message /" + regex + "/" + (times > 1 ? " " + times + " times" : "");
    }
  }

  /**
   * An HTTP {@code GET} of {@code path} on a container port, inside the job network, answers {@code
   * status}.
   *
   * @param port the container port
   * @param path the path, starting with {@code /}
   * @param status the expected status code
   */
  record Http(int port, String path, int status) implements WaitCondition {
    /** Checks the values. */
    public Http {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("Wait.forHttp port " + port + " is not a TCP port (1 to 65535)");
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("Wait.forHttp path \"" + path + "\" must start with '/'; use \"/" + path + "\"");
      }
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("Wait.forHttp status " + status + " is not an HTTP status (100 to 599)");
      }
    }

    /** The same check expecting another status. */
    public Http forStatus(int status) {
      return new Http(port, path, status);
    }

    @Override
    public String describe() {
      return "HTTP GET :" + port + path + " answers " + status;
    }
  }
}
