package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Removes what JVMs on this host created and left behind when they were killed. */
public final class Leftovers {
  private Leftovers() {}

  /** Sweeps containers, then networks, then volumes; returns what was removed, as {@code kind name} phrases. */
  public static List<String> sweep(DockerClient docker) {
    List<String> removed = new ArrayList<>();
    Map<String, String> filter = Map.of(Owner.MANAGED, "true");
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
      if (Owner.isLeftover(c.getLabels())) {
        Removal.container(docker, c.getId());
        removed.add("container " + (c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : c.getId()));
      }
    }
    for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Owner.MANAGED + "=true")).exec()) {
      if (Owner.isLeftover(n.getLabels())) {
        Removal.network(docker, n.getId());
        removed.add("network " + n.getName());
      }
    }
    var volumes = docker.listVolumesCmd().withFilter("label", List.of(Owner.MANAGED + "=true")).exec().getVolumes();
    for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      if (Owner.isLeftover(v.getLabels())) {
        Removal.volume(docker, v.getName());
        removed.add("volume " + v.getName());
      }
    }
    return removed;
  }
}
