package dev.ciservices.kubernetes.internal;

import dev.ciservices.ImagePullException;
import dev.ciservices.ServiceStartException;
import dev.ciservices.ServicesException;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The runner's checks of a pod's container statuses, with its messages. */
final class ContainerProblems {
  private ContainerProblems() {}

  /** Every container status: init containers, then containers. */
  static List<ContainerStatus> statuses(Pod pod) {
    List<ContainerStatus> all = new ArrayList<>();
    PodStatus status = pod.getStatus();
    if (status != null) {
      if (status.getInitContainerStatuses() != null) {
        all.addAll(status.getInitContainerStatuses());
      }
      if (status.getContainerStatuses() != null) {
        all.addAll(status.getContainerStatuses());
      }
    }
    return all;
  }

  /**
   * A waiting reason that will not resolve by waiting: {@code ErrImagePull}, {@code
   * ImagePullBackOff}, {@code InvalidImageName}, {@code CreateContainerConfigError}, {@code
   * CrashLoopBackOff}.
   */
  static Optional<ServicesException> terminal(Pod pod) {
    for (ContainerStatus s : statuses(pod)) {
      ContainerStateWaiting waiting = s.getState() == null ? null : s.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String message = waiting.getMessage() == null ? "" : waiting.getMessage();
      switch (waiting.getReason()) {
        case "ErrImagePull", "ImagePullBackOff" -> {
          return Optional.of(new ImagePullException("pulling image \"" + s.getImage() + "\" for container " + s.getName()
              + ": image pull failed: " + message));
        }
        case "InvalidImageName" -> {
          return Optional.of(new ImagePullException("image pull failed: " + message));
        }
        case "CreateContainerConfigError" -> {
          return Optional.of(new ServiceStartException("container configuration error: " + message));
        }
        case "CrashLoopBackOff" -> {
          ContainerStateTerminated last = s.getLastState() == null ? null : s.getLastState().getTerminated();
          String lastMessage = last == null || last.getMessage() == null ? "" : ": " + last.getMessage();
          return Optional.of(new ServiceStartException("container \"" + s.getName() + "\" is in CrashLoopBackOff: "
              + message + lastMessage));
        }
        default -> {
          // ContainerCreating, PodInitializing: waiting resolves them
        }
      }
    }
    return Optional.empty();
  }

  /** {@code Error in container <name>: exit code: <n>, reason: '<reason>'} for the first terminated one of these. */
  static Optional<String> terminated(Pod pod, List<String> containers) {
    for (ContainerStatus s : statuses(pod)) {
      ContainerStateTerminated t = s.getState() == null ? null : s.getState().getTerminated();
      if (t != null && containers.contains(s.getName())) {
        return Optional.of("Error in container " + s.getName() + ": exit code: " + t.getExitCode() + ", reason: '"
            + (t.getReason() == null ? "" : t.getReason()) + "'");
      }
    }
    return Optional.empty();
  }
}
