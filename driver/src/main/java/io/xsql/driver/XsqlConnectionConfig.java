package io.xsql.driver;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;

/** Calcite's connection settings plus xsql's own, as the statement preparation reads them. */
public final class XsqlConnectionConfig extends CalciteConnectionConfigImpl {
  private final boolean joinStrategies;
  private final Duration planningTimeout;
  private final int planCache;
  private final OptionalLong lookupSwitchKeys;

  /** The settings of a connection. */
  public XsqlConnectionConfig(Properties properties) {
    super(properties);
    this.joinStrategies = ConnectionSettings.joinStrategies(properties);
    this.planningTimeout = ConnectionSettings.planningTimeout(properties);
    this.planCache = ConnectionSettings.planCache(properties);
    this.lookupSwitchKeys = ConnectionSettings.lookupSwitchKeys(properties);
  }

  /** Whether xsql chooses lookup, merge and mmap joins; false leaves every join to Calcite. */
  public boolean joinStrategies() {
    return joinStrategies;
  }

  /** The keys after which an unhinted lookup join switches to a scan; empty to decide per join. */
  public OptionalLong lookupSwitchKeys() {
    return lookupSwitchKeys;
  }

  /** How long planning one statement may take. */
  public Duration planningTimeout() {
    return planningTimeout;
  }

  /** How many recent queries' plans the connection keeps for when they are sent again. */
  public int planCache() {
    return planCache;
  }
}
