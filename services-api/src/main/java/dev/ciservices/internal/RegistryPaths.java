package dev.ciservices.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runner's normalisation of credential keys and image references into registry paths, which
 * are then matched by exact string equality (longest path first). See registry-auth.md 2.6.
 */
public final class RegistryPaths {
  private static final String DOCKER_HUB = "docker.io";
  private static final String DOCKER_INDEX = "index.docker.io";

  private RegistryPaths() {}

  /** The path a credential key stands for: {@code https://r:5005/v1/} gives {@code r:5005}. */
  public static String ofKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      String rest = key.substring(key.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
      return host.equals(DOCKER_INDEX) ? DOCKER_HUB : host;
    }
    String path = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    int lastSlash = path.lastIndexOf('/');
    int tag = path.indexOf(':', lastSlash + 1);
    if (tag >= 0 && lastSlash >= 0) {
      path = path.substring(0, tag);
    }
    return lowerHost(path);
  }

  /** The path an image reference stands for: {@code alpine:3} gives {@code docker.io/alpine}. */
  public static String ofImage(String image) {
    String path = image;
    int lastSlash = path.lastIndexOf('/');
    int colon = path.indexOf(':', lastSlash + 1);
    if (colon >= 0) {
      path = path.substring(0, colon);
    }
    int firstSlash = path.indexOf('/');
    String first = firstSlash < 0 ? path : path.substring(0, firstSlash);
    if (firstSlash < 0 || (!first.contains(".") && !first.contains(":") && !first.equalsIgnoreCase("localhost"))) {
      path = DOCKER_HUB + "/" + path;
    } else if (first.equalsIgnoreCase(DOCKER_INDEX)) {
      path = DOCKER_HUB + path.substring(firstSlash);
    }
    return lowerHost(path);
  }

  /** The image's path, then each parent path down to the host: the order in which keys are tried. */
  public static List<String> candidates(String image) {
    List<String> out = new ArrayList<>();
    String path = ofImage(image);
    while (true) {
      out.add(path);
      int slash = path.lastIndexOf('/');
      if (slash < 0) {
        return out;
      }
      path = path.substring(0, slash);
    }
  }

  /** The registry host of an image, as the daemon contacts it: {@code docker.io} for Docker Hub images. */
  public static String host(String image) {
    String path = ofImage(image);
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static String lowerHost(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path.toLowerCase(Locale.ROOT)
        : path.substring(0, slash).toLowerCase(Locale.ROOT) + path.substring(slash);
  }
}
