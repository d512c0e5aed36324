package dev.ciservices.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link RegistryAuthLogIT} in a JVM of its own, docker-java's loggers at DEBUG from the
 * start: one authenticated pull from the htpasswd registry, through the backend's Docker client
 * ({@code ours}) or a plain docker-java one on the same transport ({@code plain}, the control).
 */
public final class RegistryAuthLogChild {
  private RegistryAuthLogChild() {}

  public static void main(String[] args) throws Exception {
    DockerClient docker;
    DockerBackend backend = null;
    if (args[0].equals("ours")) {
      backend = DockerBackend.connect();
      docker = backend.dockerClient();
    } else {
      DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
      docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
          .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }
    AuthConfig auth = new AuthConfig().withUsername(Registries.USER).withPassword(Registries.PASSWORD)
        .withRegistryAddress(Registries.AUTH);
    boolean done = docker.pullImageCmd(Registries.AUTH + "/test/busybox").withTag("1").withAuthConfig(auth)
        .exec(new PullImageResultCallback()).awaitCompletion(120, TimeUnit.SECONDS);
    System.out.println(done ? "pulled" : "the pull did not end within 120 s");
    if (backend != null) {
      backend.close();
    }
    System.out.flush();
    System.err.flush();
    System.exit(done ? 0 : 1);
  }
}
