package dev.ciservices.junit.internal;

import dev.ciservices.JobSpec;
import dev.ciservices.ServiceOrigin;
import dev.ciservices.ServicePlan;
import dev.ciservices.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each service of a scope was declared, as messages name it: {@code [@Service(name = "redis:7")]
 * on CacheIT} or {@code [services[0] redis:7] of CiServicesExtension.forJob(...) in CacheIT}.
 */
public final class Origins {
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

  /** The origin of a planned service. */
  String of(ServicePlan service) {
    String origin = service.origin().fromJob() ? byService.get(service.spec()) : null;
    return origin != null ? origin : "[" + service.field() + " " + service.name() + "] of " + configWhere;
  }

  /** The origin of a service of {@code job} named by a plan error, for messages. */
  String of(ServiceOrigin service, JobSpec job) {
    int index = service.index();
    return service.fromJob() && index < job.services().size()
        ? ofService(job.services().get(index), index) : "[" + service.field() + "] of " + configWhere;
  }
}
