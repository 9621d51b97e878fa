package io.xsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xsql export --trino}: Trino catalog files per source kind, and no secret in them. */
final class ExportCommandTest {
  @TempDir
  Path dir;

  private Path catalog() throws IOException {
    Files.writeString(dir.resolve("token.txt"), "file-secret-42\n");
    Files.writeString(dir.resolve("products.csv"), "id,name\n1,a\n");
    return Files.writeString(dir.resolve("shop.yaml"), """
        sources:
          crm: { type: postgres, url: "jdbc:postgresql://db:5432/shop", user: app, password: "${env:PG_PASSWORD}" }
          Sales: { type: mysql, url: "jdbc:mariadb://maria:3306/sales?useSsl=true", user: root,
                   password: clear-secret-7 }
          docs: { type: mongodb, uri: "mongodb://reader:${file:token.txt}@mongo:27017/shop", database: shop }
          legacy: { type: jdbc, url: "jdbc:h2:mem:x" }
          products: { type: csv, path: products.csv }
        """);
  }

  @Test
  void writesACatalogPerDatabaseAndOneXsqlCatalogForTheRest() throws IOException {
    Path catalog = catalog();
    Path trino = dir.resolve("trino");
    CommandRun run = CommandRun.of("export", "--trino", trino.toString(), "--catalog", catalog.toString());
    assertThat(run.code()).as(run.err()).isZero();
    Path folder = trino.resolve("etc/catalog");
    assertThat(Files.readString(folder.resolve("crm.properties"))).contains("connector.name=postgresql\n",
        "connection-url=jdbc:postgresql://db:5432/shop\n", "connection-user=app\n",
        "connection-password=${ENV:PG_PASSWORD}\n");
    assertThat(Files.readString(folder.resolve("sales.properties"))).contains("connector.name=mariadb\n",
        "connection-url=jdbc:mariadb://maria:3306\n", "connection-password=${ENV:SALES_PASSWORD}\n",
        "set the environment variable SALES_PASSWORD");
    assertThat(Files.readString(folder.resolve("docs.properties"))).contains("connector.name=mongodb\n",
        "mongodb.connection-url=${ENV:DOCS_URI}\n");
    assertThat(Files.readString(folder.resolve("shop.properties"))).contains("connector.name=xsql\n",
        "xsql.catalog=" + catalog.toAbsolutePath().normalize() + "\n", "products (csv)");
    assertThat(folder.resolve("legacy.properties")).doesNotExist();
    assertThat(run.out()).contains("not exported: source 'legacy' (jdbc)");
    for (Path f : Files.list(folder).toList()) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain("clear-secret-7", "file-secret-42");
    }
    assertThat(run.out()).doesNotContain("clear-secret-7", "file-secret-42");
  }
}
