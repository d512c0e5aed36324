package dev.ciservices.junit.internal;

import dev.ciservices.JobSpec;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each service of a scope was declared, as messages name it: {@code [@Service(name = "redis:7")]
 * on CacheIT} or {@code [services[0] redis:7] of CiServicesExtension.forJob(...) in CacheIT}.
 */
public final class Origins {
  private static final Pattern FIELD = Pattern.compile("(config\\.)?services\\[(\\d+)\\]");

  private final Map<ServiceSpec, String> byService;
  private final String configWhere;

  /**
   * Origins of a job's services.
   *
   * @param byService each service's origin
   * @param configWhere where the runner configuration's services come from
   */
  public Origins(Map<ServiceSpec, String> byService, String configWhere) {
    this.byService = new LinkedHashMap<>(byService);
    this.configWhere = configWhere;
  }

  /** The origin of every service of a job given as a {@link JobSpec}, by its index. */
  public static Origins ofJob(JobSpec job, String where) {
    Map<ServiceSpec, String> byService = new LinkedHashMap<>();
    List<ServiceSpec> services = job.services();
    for (int i = services.size() - 1; i >= 0; i--) {
      byService.put(services.get(i), "[services[" + i + "] " + services.get(i).name() + "] of " + where);
    }
    return new Origins(byService, where);
  }

  /** The origin of the service at {@code index} of the job. */
  String ofService(ServiceSpec service, int index) {
    String origin = byService.get(service);
    return origin != null ? origin : "[services[" + index + "] " + service.name() + "] of " + configWhere;
  }

  /** The origin of a planned service of {@code job}, the job its plan was made from. */
  String of(ServicePlan service, JobSpec job) {
    Matcher m = FIELD.matcher(service.field());
    if (m.matches() && m.group(1) == null) {
      int index = Integer.parseInt(m.group(2));
      if (index < job.services().size()) {
        String origin = byService.get(job.services().get(index));
        if (origin != null) {
          return origin;
        }
      }
    }
    return "[" + service.field() + " " + service.name() + "] of " + configWhere;
  }
}
