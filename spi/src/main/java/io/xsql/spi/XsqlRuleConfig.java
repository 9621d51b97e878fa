package io.xsql.spi;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The immutable configuration all of xsql's rules share, the engine's and the adapters': Calcite's three
 * settings plus the rule's constructor. A record instead of Calcite's generated Immutables classes.
 *
 * @param relBuilderFactory builds replacements
 * @param description the rule's name in planner traces
 * @param operandSupplier the pattern the rule matches
 * @param constructor makes the rule from this configuration
 */
public record XsqlRuleConfig(RelBuilderFactory relBuilderFactory, @Nullable String description,
    RelRule.OperandTransform operandSupplier, Function<XsqlRuleConfig, RelOptRule> constructor)
    implements RelRule.Config {

  /** A configuration with Calcite's logical builder. */
  public static XsqlRuleConfig of(String description, RelRule.OperandTransform operands,
      Function<XsqlRuleConfig, RelOptRule> constructor) {
    return new XsqlRuleConfig(RelFactories.LOGICAL_BUILDER, description, operands, constructor);
  }

  @Override
  public XsqlRuleConfig withRelBuilderFactory(RelBuilderFactory factory) {
    return new XsqlRuleConfig(factory, description, operandSupplier, constructor);
  }

  @Override
  public XsqlRuleConfig withDescription(@Nullable String description) {
    return new XsqlRuleConfig(relBuilderFactory, description, operandSupplier, constructor);
  }

  @Override
  public XsqlRuleConfig withOperandSupplier(RelRule.OperandTransform transform) {
    return new XsqlRuleConfig(relBuilderFactory, description, transform, constructor);
  }

  @Override
  public RelOptRule toRule() {
    return constructor.apply(this);
  }
}
