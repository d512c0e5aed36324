package dev.ciservices.docker.internal;

/** GitLab's warning block for a service that did not pass its health check, written as one piece. */
final class WarningBlock {
  private WarningBlock() {}

  static String render(String containerName, String healthCheckError, String serviceLogs) {
    return "\n"
        + Trace.YELLOW + "*** WARNING:" + Trace.RESET + " Service " + containerName + " probably didn't start properly.\n"
        + "\n"
        + "Health check error:\n"
        + healthCheckError.strip() + "\n"
        + "\n"
        + "Service container logs:\n"
        + serviceLogs + "\n"
        + "\n"
        + Trace.YELLOW + "*********" + Trace.RESET + "\n";
  }
}
