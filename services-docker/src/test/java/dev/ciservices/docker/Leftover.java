package dev.ciservices.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the engine still holds of one job: containers, networks and volumes labelled with its instance id. */
final class Leftover {
  private Leftover() {}

  static List<String> of(String instanceId) {
    DockerClient docker = Engines.DOCKER.dockerClient();
    String label = "dev.ciservices.job.instance=" + instanceId;
    List<String> found = new ArrayList<>();
    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dev.ciservices.job.instance", instanceId))
        .exec().forEach(c -> found.add("container " + c.getNames()[0]));
    docker.listNetworksCmd().withFilter("label", List.of(label)).exec().forEach(n -> found.add("network " + n.getName()));
    var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
    if (volumes != null) {
      volumes.forEach(v -> found.add("volume " + v.getName()));
    }
    return found;
  }
}
