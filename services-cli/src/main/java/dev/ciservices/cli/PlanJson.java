package dev.ciservices.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ciservices.JobPlan;
import dev.ciservices.PlanError;
import dev.ciservices.PullPolicy;
import dev.ciservices.ServicePlan;
import dev.ciservices.SkippedService;
import dev.ciservices.Variable;
import dev.ciservices.gitlab.CheckoutVariables;
import dev.ciservices.gitlab.GitLabCiException;
import dev.ciservices.gitlab.RuleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The plan as a stable JSON document for other tools (schema version 1, documented in the README).
 * Every string passes the job's masker: masked values appear as {@code [MASKED]}, also inside values
 * expanded from them.
 */
final class PlanJson {
  /** The document's schema version; raised only when a field changes meaning or disappears. */
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static String of(JobPlan plan, List<String> fileWarnings, List<String> dockerCommands,
      List<CheckoutVariables.Derived> derived, RuleOutcome rules) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("job", plan.jobName());
    root.put("image", plan.jobImage().orElse(null));
    root.set("variables", variables(plan.jobVariables()));
    root.put("network", plan.networkName().orElse(null));
    root.put("networkMode", JobOptions.networkModeName(plan.networkMode()));
    root.set("namespaceOwner", plan.namespaceOwner().<JsonNode>map(owner -> {
      ObjectNode node = JSON.createObjectNode().put("name", owner.name()).put("image", owner.image());
      strings(node.putArray("hostsEntries"), owner.network().extraHosts());
      owner.publishedPorts().forEach(node.putArray("ports")::add);
      return node;
    }).orElse(JSON.nullNode()));
    ArrayNode services = root.putArray("services");
    for (ServicePlan s : plan.services()) {
      ObjectNode service = services.addObject();
      service.put("field", s.field());
      service.put("name", s.name());
      service.put("image", s.pullImage());
      strings(service.putArray("aliases"), s.hostnames());
      service.put("kubernetesName", s.kubernetesName());
      service.put("containerName", s.containerName());
      ArrayNode env = service.putArray("environment");
      for (Variable v : s.environment()) {
        env.addObject().put("key", v.key()).put("value", v.displayValue());
      }
      strings(service.putArray("entrypoint"), s.entrypoint());
      strings(service.putArray("command"), s.command());
      strings(service.putArray("pullPolicies"), s.pullPolicy().effective().stream().map(PullPolicy::value).toList());
      service.put("privileged", s.privileged());
      ObjectNode health = service.putObject("healthCheck");
      if (s.healthCheck().explicitPort() != null) {
        health.put("rule", "HEALTHCHECK_TCP_PORT").put("port", s.healthCheck().explicitPort());
      } else {
        health.put("rule", "exposed-ports").put("maxPorts", dev.ciservices.HealthCheckRule.MAX_EXPOSED_PORTS);
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedService s : plan.skipped()) {
      skipped.addObject().put("field", s.field()).put("name", s.name()).put("reason", s.reason());
    }
    ArrayNode warnings = root.putArray("warnings");
    fileWarnings.forEach(warnings::add);
    plan.warnings().forEach(warnings::add);
    ArrayNode errors = root.putArray("errors");
    for (PlanError e : plan.errors()) {
      ObjectNode error = errors.addObject().put("field", e.field()).put("value", e.value()).put("message", e.message());
      error.put("hint", e.hint().orElse(null));
    }
    strings(root.putArray("dockerCommands"), dockerCommands);
    root.putObject("rules").put("when", rules.when()).put("runs", rules.runs()).put("reason", rules.reason());
    ArrayNode predefined = root.putArray("predefinedVariables");
    for (CheckoutVariables.Derived d : derived) {
      predefined.addObject().put("key", d.variable().key()).put("value", d.variable().displayValue())
          .put("source", d.source());
    }
    return write(masked(root, plan::mask));
  }

  static String error(GitLabCiException e) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode error = root.putObject("error");
    error.put("file", e.file()).put("line", e.line()).put("job", e.job().orElse(null)).put("message", e.getMessage());
    return write(root);
  }

  static String error(String message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.putObject("error").put("message", message);
    return write(root);
  }

  private static ArrayNode variables(List<Variable> variables) {
    ArrayNode array = JSON.createArrayNode();
    for (Variable v : variables) {
      array.addObject().put("key", v.key()).put("value", v.displayValue()).put("public", v.isPublic())
          .put("masked", v.masked()).put("file", v.file()).put("raw", v.raw());
    }
    return array;
  }

  /** Every text of the document, masked: applied to the tree, so that JSON escaping cannot hide a value. */
  static JsonNode masked(JsonNode node, UnaryOperator<String> mask) {
    if (node.isTextual()) {
      return TextNode.valueOf(mask.apply(node.textValue()));
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.set(name, masked(object.get(name), mask));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, masked(array.get(i), mask));
      }
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String write(JsonNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
