package io.xsql.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsql.file.FileSources.RecordingContext;
import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.DataTable;
import io.xsql.spi.SourceException;
import io.xsql.spi.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How XML elements and attributes become columns, and their texts values. */
final class XmlFormatTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static List<String> names(DataTable t) {
    return t.columns().stream().map(c -> c.name() + ":" + c.type()).toList();
  }

  private static List<List<Object>> read(DataTable t) {
    return FileSources.read(t, new RecordingContext());
  }

  private static final String NESTED = """
      <catalog>
        <product id="1">
          <price currency="EUR">12.50</price>
          <dims unit="cm"><w>3</w><h>4</h><box><d>x</d><e>y</e></box></dims>
        </product>
        <product id="2">
          <price>8</price>
        </product>
      </catalog>
      """;

  @Test
  void infersTypesAndReadsEmptyAndMissingElementsAsNull() throws IOException {
    write("p.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <catalog>
          <product id="1">
            <title>Lamp</title>
            <price>12.5</price>
            <stock>3</stock>
            <released>2020-01-02</released>
            <updated>2021-03-04T05:06:07</updated>
            <active>true</active>
            <zip>00501</zip>
          </product>
          <product id="2">
            <title/>
            <price>7</price>
            <stock></stock>
            <active>false</active>
            <zip>90210</zip>
          </product>
        </catalog>
        """);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "p.xml", "records", "/catalog/product"));
    assertThat(names(t)).containsExactly("id:INTEGER", "title:VARCHAR", "price:DOUBLE", "stock:INTEGER",
        "released:DATE", "updated:TIMESTAMP", "active:BOOLEAN", "zip:VARCHAR");
    long updated = LocalDateTime.parse("2021-03-04T05:06:07").toInstant(ZoneOffset.UTC).toEpochMilli();
    assertThat(read(t)).containsExactly(List.of(1, "Lamp", 12.5, 3, 18263, updated, true, "00501"),
        Arrays.asList(2, null, 7.0, null, null, null, false, "90210"));
  }

  @Test
  void nestedElementsAreFlattenedToTheDepthAndDeeperContentIsText() throws IOException {
    write("n.xml", NESTED);
    DataTable deep = FileSources.open(dir, "xml", Map.of("path", "n.xml"));
    assertThat(names(deep)).containsExactly("id:INTEGER", "price:DOUBLE", "price.currency:VARCHAR",
        "dims.unit:VARCHAR", "dims.w:INTEGER", "dims.h:INTEGER", "dims.box.d:VARCHAR", "dims.box.e:VARCHAR");
    assertThat(read(deep)).containsExactly(List.of(1, 12.5, "EUR", "cm", 3, 4, "x", "y"),
        Arrays.asList(2, 8.0, null, null, null, null, null, null));

    DataTable one = FileSources.open(dir, "xml", Map.of("path", "n.xml", "flatten_depth", "1"));
    assertThat(names(one)).containsExactly("id:INTEGER", "price:DOUBLE", "price.currency:VARCHAR",
        "dims.unit:VARCHAR", "dims.w:INTEGER", "dims.h:INTEGER", "dims.box:VARCHAR");
    assertThat(read(one).get(0)).containsExactly(1, 12.5, "EUR", "cm", 3, 4, "xy");

    DataTable flat = FileSources.open(dir, "xml", Map.of("path", "n.xml", "flatten_depth", "0"));
    assertThat(names(flat)).containsExactly("id:INTEGER", "price:DOUBLE", "dims:VARCHAR");
    assertThat(read(flat)).containsExactly(List.of(1, 12.5, "34xy"), Arrays.asList(2, 8.0, null));
  }

  @Test
  void anAttributeSharingAChildElementsNameIsMarked() throws IOException {
    write("a.xml", """
        <r>
          <p id="a1"><id>7</id><name lang="en">Ann</name></p>
          <p id="a2"><id>8</id></p>
        </r>
        """);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "a.xml"));
    assertThat(names(t)).containsExactly("@id:VARCHAR", "id:INTEGER", "name:VARCHAR", "name.lang:VARCHAR");
    assertThat(read(t)).containsExactly(List.of("a1", 7, "Ann", "en"), Arrays.asList("a2", 8, null, null));
  }

  @Test
  void repeatedChildrenAreAJsonArray() throws IOException {
    write("t.xml", """
        <r>
          <p><tag>a</tag><tag>say "hi" \\ é</tag><tag/><item><sku>1</sku></item><item><sku>2</sku></item></p>
          <p><tag>solo</tag><item><sku>3</sku></item></p>
        </r>
        """);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "t.xml"));
    assertThat(names(t)).containsExactly("tag:VARCHAR", "item.sku:VARCHAR");
    assertThat(read(t)).containsExactly(List.of("[\"a\",\"say \\\"hi\\\" \\\\ é\",null]", "[\"1\",\"2\"]"),
        List.of("solo", "3"));
  }

  @Test
  void namespacePrefixesDoNotMatterAndSchemaInstanceAttributesAreNoColumns() throws IOException {
    write("ns.xml", """
        <c:catalog xmlns:c="urn:c" xmlns:d="urn:d" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <c:product c:id="1"><d:title>x</d:title><c:note xsi:nil="true"/></c:product>
          <c:other><c:product c:id="9"/></c:other>
          <c:product c:id="2"><d:title>y</d:title><c:note>n</c:note></c:product>
        </c:catalog>
        """);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "ns.xml", "records", "/c:catalog/product"));
    assertThat(names(t)).containsExactly("id:INTEGER", "title:VARCHAR", "note:VARCHAR");
    assertThat(read(t)).containsExactly(Arrays.asList(1, "x", null), List.of(2, "y", "n"));
  }

  @Test
  void pinnedColumnsWinAndMayNameWhatTheSampleLacks() throws IOException {
    write("n.xml", NESTED);
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("id", "BIGINT");
    columns.put("price", "DECIMAL(8,2)");
    columns.put("price.currency", "VARCHAR(3)");
    columns.put("weight", "INTEGER");
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "n.xml", "columns", columns,
        "flatten_depth", "1"));
    assertThat(t.columns()).startsWith(new Column("id", ColumnType.of(TypeKind.BIGINT), true),
        new Column("price", ColumnType.decimal(8, 2), true));
    assertThat(t.columns().get(t.columns().size() - 1).name()).isEqualTo("weight");
    List<List<Object>> rows = read(t);
    assertThat(rows.get(0)).startsWith(1L, new BigDecimal("12.50"), "EUR").endsWith((Object) null);
    assertThat(rows.get(1)).startsWith(2L, new BigDecimal("8.00"), null);
  }

  @Test
  void theRecordsPathPicksTheElementsAndTheDefaultIsTheRootsChildren() throws IOException {
    write("f.xml", """
        <feed>
          <meta><count>2</count></meta>
          <items>
            <item sku="a"><qty>1</qty></item>
            <item sku="b"><qty>2</qty></item>
          </items>
        </feed>
        """);
    DataTable items = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed/items/item"));
    assertThat(names(items)).containsExactly("sku:VARCHAR", "qty:INTEGER");
    assertThat(read(items)).containsExactly(List.of("a", 1), List.of("b", 2));
    DataTable any = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed/*/item"));
    assertThat(read(any)).containsExactlyElementsOf(read(items));
    DataTable root = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed"));
    assertThat(names(root)).containsExactly("meta.count:INTEGER", "items.item.sku:VARCHAR",
        "items.item.qty:VARCHAR");
    assertThat(read(root)).containsExactly(List.of(2, "[\"a\",\"b\"]", "[\"1\",\"2\"]"));
    DataTable children = FileSources.open(dir, "xml", Map.of("path", "f.xml"));
    assertThat(names(children)).containsExactly("count:INTEGER", "item.sku:VARCHAR", "item.qty:VARCHAR");
    assertThat(read(children)).containsExactly(Arrays.asList(2, null, null),
        Arrays.asList(null, "[\"a\",\"b\"]", "[\"1\",\"2\"]"));
  }

  @Test
  void aRecordsPathMatchingNothingFailsSamplingUnlessColumnsArePinned() throws IOException {
    Path file = write("f.xml", "<feed><item><qty>1</qty></item></feed>");
    DataTable none = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed/product"));
    assertThatThrownBy(none::columns).isInstanceOf(SourceException.class)
        .hasMessageStartingWith(file + ": no <product> elements at /feed/product;");
    DataTable wrongRoot = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/catalog/item"));
    assertThatThrownBy(wrongRoot::columns)
        .hasMessageContaining("no <item> elements at /catalog/item (the root element is <feed>)");
    DataTable pinned = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed/product",
        "columns", Map.of("qty", "INTEGER")));
    assertThat(read(pinned)).isEmpty();
    Files.writeString(file, "<feed/>");
    assertThatThrownBy(FileSources.open(dir, "xml", Map.of("path", "f.xml"))::columns)
        .hasMessageContaining("the root element <feed> has no child elements");
    DataTable bad = FileSources.open(dir, "xml", Map.of("path", "f.xml", "records", "/feed//item"));
    assertThatThrownBy(bad::columns).hasMessageContaining("'/feed//item' is not an element path");
  }

  @Test
  void textKeepsDataSpacesButNotLayout() throws IOException {
    write("w.xml", """
        <r>
          <p>
            <a>
              indented
            </a>
            <b> spaced </b>
            <c><![CDATA[<raw> & "q"]]></c>
            <d>Tom &amp; Jerry &#233;</d>
            <e>line one
        line two</e>
            <m>Hello <i>big</i> world</m>
          </p>
        </r>
        """);
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "w.xml", "flatten_depth", "0"));
    assertThat(read(t)).containsExactly(List.of("indented", " spaced ", "<raw> & \"q\"", "Tom & Jerry é",
        "line one\nline two", "Hello big world"));
  }

  @Test
  void anEmptyAttributeIsAnEmptyStringInATextColumnAndNullElsewhere() throws IOException {
    write("e.xml", "<r><p name=\"\" n=\"\"/><p name=\"x\" n=\"1\"/></r>");
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "e.xml"));
    assertThat(names(t)).containsExactly("name:VARCHAR", "n:INTEGER");
    assertThat(read(t)).containsExactly(Arrays.asList("", null), List.of("x", 1));
  }

  @Test
  void estimatesTheRowCountFromTheSample() throws IOException {
    StringBuilder xml = new StringBuilder("<r>\n");
    for (int i = 0; i < 2000; i++) {
      xml.append("  <p id=\"").append(i).append("\"><v>").append(i % 7).append("</v></p>\n");
    }
    write("big.xml", xml.append("</r>\n").toString());
    DataTable t = FileSources.open(dir, "xml", Map.of("path", "big.xml", "sample_size", "100"));
    assertThat(t.estimatedRowCount().getAsLong()).isBetween(1800L, 2200L);
    assertThat(read(t)).hasSize(2000);
  }
}
