package dev.ciservices.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a one-off client container (psql, redis-cli, wget, nc) on a job's network, as a job would. */
final class Probe {
  static final String CLIENTS = "ci-services/clients:latest";

  record Result(int exitCode, String output) {}

  private Probe() {}

  static Result run(String network, String volume, String... command) throws InterruptedException {
    DockerClient docker = Engines.DOCKER.dockerClient();
    HostConfig host = HostConfig.newHostConfig().withNetworkMode(network);
    if (volume != null) {
      host.withBinds(new Bind(volume, new Volume("/builds")));
    }
    String id = docker.createContainerCmd(CLIENTS).withCmd(command).withHostConfig(host)
        .withLabels(Map.of("dev.ciservices.test-probe", "true")).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int code = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
      StringBuilder out = new StringBuilder();
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
      }).awaitCompletion(10, TimeUnit.SECONDS);
      return new Result(code, out.toString());
    } finally {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }
  }
}
