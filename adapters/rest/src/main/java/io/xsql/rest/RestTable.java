package io.xsql.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.xsql.spi.Column;
import io.xsql.spi.DataTable;
import io.xsql.spi.ErrorCode;
import io.xsql.spi.FilterOp;
import io.xsql.spi.KeyLookup;
import io.xsql.spi.Predicate;
import io.xsql.spi.RowCursor;
import io.xsql.spi.ScanRequest;
import io.xsql.spi.SchemaContract;
import io.xsql.spi.SourceException;
import io.xsql.spi.TablePart;
import io.xsql.spi.TypeKind;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An API listing as a table. Its columns come from the first {@code sample_size} records (or the catalog's
 * {@code columns:} for a table whose requests need parameter values); a scan sends the listing's requests
 * page by page, with the values of {@code WHERE col = v} and {@code col IN (...)} on parameter columns as
 * query (or path) parameters, and stops at a LIMIT.
 */
final class RestTable implements DataTable {
  /** Column kinds whose values travel as text in a URL exactly. */
  private static final Set<TypeKind> PARAMETER_KINDS =
      EnumSet.of(TypeKind.VARCHAR, TypeKind.INTEGER, TypeKind.BIGINT, TypeKind.DECIMAL, TypeKind.BOOLEAN);

  /** The row estimate of a table that cannot be listed without parameter values. */
  private static final long UNLISTABLE_ROWS = 1_000_000_000L;

  private final RestSource source;
  private final RestTableConfig config;
  private RestSchema schema;

  RestTable(RestSource source, RestTableConfig config) {
    this.source = source;
    this.config = config;
  }

  /** The source and table, for messages. */
  String where() {
    return "source '" + source.config().source() + "', table '" + config.name() + "'";
  }

  RestTableConfig config() {
    return config;
  }

  synchronized RestSchema schema() {
    if (schema == null) {
      Optional<SchemaContract.Table> promised = source.config().contract().map(c -> c.tables().get(config.name()));
      if (promised.isPresent()) {
        schema = RestSchema.of(promised.get());
        return schema;
      }
      Optional<RestParam> needed = config.params().values().stream().filter(RestParam::required).findFirst();
      if (needed.isPresent()) {
        if (config.columns().isEmpty()) {
          throw new SourceException(ErrorCode.UNSUPPORTED, where() + ": its requests need a value for parameter '"
              + needed.get().name() + "' (" + config.path() + "), so it cannot be sampled; declare its columns in"
              + " the catalog (columns: { ... })");
        }
        schema = RestSchema.declared(config.columns());
      } else {
        schema = sample();
      }
    }
    return schema;
  }

  private RestSchema sample() {
    return sampler().schema(where(), config.columns(), source::note);
  }

  /**
   * The columns as inferred from a fresh sample, whatever the contract says, for {@code xsql schema}: the
   * catalog's columns alone for a table that cannot be sampled.
   */
  SchemaContract.Table inferred() {
    if (config.params().values().stream().anyMatch(RestParam::required)) {
      return new SchemaContract.Table(0, config.columns().entrySet().stream()
          .map(e -> new SchemaContract.ContractColumn(e.getKey(), e.getValue(), List.of(), true)).toList());
    }
    return sampler().contract(config.columns());
  }

  private RestSchema.Sampler sampler() {
    RestSchema.Sampler sampler = new RestSchema.Sampler(source.config().flattenDepth());
    RestListing listing = listing(TablePart.WHOLE);
    RestCalls calls = RestCalls.unscoped(this);
    while (sampler.records() < source.config().sampleSize()) {
      Optional<List<JsonNode>> page = listing.nextPage(calls);
      if (page.isEmpty() || page.get().isEmpty()) {
        break;
      }
      page.get().stream().limit(source.config().sampleSize() - sampler.records()).forEach(sampler::add);
    }
    return sampler;
  }

  @Override
  public List<Column> columns() {
    return schema().columns();
  }

  /** {@code =} and {@code IN} on a column that fills a parameter, of a kind a URL carries exactly. */
  @Override
  public boolean canFilter(int column, FilterOp op) {
    return (op == FilterOp.EQ || op == FilterOp.IN) && isParameter(column);
  }

  boolean isParameter(int column) {
    List<Column> columns = schema().columns();
    return column >= 0 && column < columns.size() && !config.paramsOf(columns.get(column).name()).isEmpty()
        && PARAMETER_KINDS.contains(columns.get(column).type().kind());
  }

  @Override
  public boolean canLimit() {
    return true;
  }

  /**
   * Unknown for a listing; for a table read only through parameter values (a path parameter, a required
   * one), so large that the planner never reads it whole but drives it with the other side's keys.
   */
  @Override
  public OptionalLong estimatedRowCount() {
    return config.params().values().stream().anyMatch(RestParam::required) ? OptionalLong.of(UNLISTABLE_ROWS)
        : OptionalLong.empty();
  }

  @Override
  public RowCursor scan(ScanRequest request) {
    return scan(request, TablePart.WHOLE);
  }

  /** Ranges of pages of a listing with offset or page paging ({@link RestParts}). */
  @Override
  public List<TablePart> parts(long bytesPerPart) {
    return new RestParts(this).parts(bytesPerPart);
  }

  /** The rows of a range of pages; with parameter values, the range of each of their listings. */
  @Override
  public RowCursor scan(ScanRequest request, TablePart part) {
    RestSchema s = schema();
    return new RestCursor(this, listings(request.filters(), new RestParts(this).pages(part)), new RestRows(where(), s,
        request.columnArray(), request.filters(), source.config().flattenDepth(), source.config().onDrift()),
        request.limit(), request.context());
  }

  @Override
  public Optional<KeyLookup> keyLookup() {
    return Optional.of(new RestLookup(this));
  }

  RestSource source() {
    return source;
  }

  /** The listing of the table without parameter values, or the pages {@code pages} of it. */
  RestListing listing(TablePart pages) {
    return new RestListing(this, base(Map.of()), false, pages);
  }

  /**
   * The listings a scan sends: one per combination of parameter values, a parameter's values split into
   * batches of {@code batch} (one value per request without it), each reading the pages {@code pages}.
   */
  List<RestListing> listings(List<Predicate> filters, TablePart pages) {
    Map<RestParam, List<String>> values = new LinkedHashMap<>();
    for (Predicate p : filters) {
      List<Object> given = p instanceof Predicate.Compare c && c.op() == FilterOp.EQ ? List.of(c.value())
          : p instanceof Predicate.In in ? in.values() : List.of();
      int column = p.columns().nextSetBit(0);
      if (given.isEmpty() || !isParameter(column)) {
        continue;
      }
      for (RestParam param : config.paramsOf(schema().columns().get(column).name())) {
        values.putIfAbsent(param, given.stream().map(RestTable::text).toList());
      }
    }
    for (RestParam param : config.params().values()) {
      if (param.required() && !values.containsKey(param)) {
        throw new SourceException(ErrorCode.UNSUPPORTED, where() + ": the API needs a value for parameter '"
            + param.name() + "'; give it with WHERE " + param.column() + " = ... (or IN, or a join on "
            + param.column() + ")");
      }
    }
    List<Map<RestParam, String>> combinations = new ArrayList<>();
    combinations.add(Map.of());
    values.forEach((param, texts) -> {
      List<Map<RestParam, String>> more = new ArrayList<>();
      for (int from = 0; from < texts.size(); from += param.perRequest()) {
        String batch = String.join(param.separator(),
            texts.subList(from, Math.min(texts.size(), from + param.perRequest())));
        for (Map<RestParam, String> c : combinations) {
          Map<RestParam, String> next = new LinkedHashMap<>(c);
          next.put(param, batch);
          more.add(next);
        }
      }
      combinations.clear();
      combinations.addAll(more);
    });
    boolean pathParams = config.params().values().stream().anyMatch(RestParam::inPath);
    return combinations.stream().map(c -> new RestListing(this, base(c), pathParams, pages)).toList();
  }

  /** The URL of a listing's first page: the path with its placeholders filled, then the query parameters. */
  private URI base(Map<RestParam, String> values) {
    String path = config.path();
    for (Map.Entry<RestParam, String> e : values.entrySet()) {
      if (e.getKey().inPath()) {
        path = path.replace("{" + e.getKey().name() + "}", RestUris.encode(e.getValue()));
      }
    }
    URI uri = URI.create(source.config().url() + (path.startsWith("/") ? path : "/" + path));
    for (Map.Entry<RestParam, String> e : values.entrySet()) {
      if (!e.getKey().inPath()) {
        uri = RestUris.withQuery(uri, e.getKey().name(), e.getValue());
      }
    }
    return uri;
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
  }

  @Override
  public String describe() {
    return "GET " + source.config().url() + config.path();
  }

  @Override
  public String describe(ScanRequest request) {
    String params = request.filters().stream().filter(p -> isParameter(p.columns().nextSetBit(0)))
        .flatMap(p -> config.paramsOf(schema().columns().get(p.columns().nextSetBit(0)).name()).stream())
        .map(p -> p.name() + (p.batch().isPresent() ? " (batch " + p.perRequest() + ")" : ""))
        .distinct().collect(Collectors.joining(", "));
    return describe() + (params.isEmpty() ? "" : " params " + params) + " paging "
        + config.paging().getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
