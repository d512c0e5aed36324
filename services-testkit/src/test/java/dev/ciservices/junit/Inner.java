package dev.ciservices.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that only {@link Kit} runs, through EngineTestKit: run directly (by an IDE or a
 * build tool that selects nested classes), it is disabled.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Inner.OnlyInKit.class)
@interface Inner {

  /** Enabled only when the configuration parameter {@link Kit#INNER} is true. */
  final class OnlyInKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(Kit.INNER, Boolean::parseBoolean).orElse(false)
          ? ConditionEvaluationResult.enabled("run by EngineTestKit")
          : ConditionEvaluationResult.disabled("runs only inside EngineTestKit, from its enclosing test");
    }
  }
}
