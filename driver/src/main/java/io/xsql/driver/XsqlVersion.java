package io.xsql.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;

/** The driver's version, from the build. */
final class XsqlVersion {
  static final String VERSION = load();
  static final DriverVersion DRIVER_VERSION = new DriverVersion("xsql JDBC Driver", VERSION, "xsql",
      VERSION, false, part(0), part(1), part(0), part(1));

  private XsqlVersion() {}

  private static String load() {
    try (InputStream in = XsqlVersion.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int part(int i) {
    String[] parts = VERSION.split("[.-]");
    return parts.length > i ? Integer.parseInt(parts[i]) : 0;
  }
}
