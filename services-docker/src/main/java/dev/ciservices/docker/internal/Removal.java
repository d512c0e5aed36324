package dev.ciservices.docker.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/** Removal that treats "already gone" as done. */
final class Removal {
  private Removal() {}

  static void container(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("is already in progress")) {
        throw e;
      }
    }
  }

  static void network(DockerClient docker, String id) {
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }

  static void volume(DockerClient docker, String name) {
    try {
      docker.removeVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      // already gone
    }
  }
}
