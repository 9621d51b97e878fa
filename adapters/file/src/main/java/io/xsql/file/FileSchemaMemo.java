package io.xsql.file;

import io.xsql.spi.Column;
import io.xsql.spi.ColumnType;
import io.xsql.spi.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Schemas inferred from files, remembered for the version of the files (paths, sizes, modification times),
 * the source's settings and the code that inferred them, in this JVM and in the index folder
 * ({@link FileMarks#SCHEMA}). A new connection, or a new process, reads the columns from there instead of
 * sampling the files again: in a fresh JVM, sampling three files of the benchmark took 120 to 270 ms of
 * connecting.
 */
final class FileSchemaMemo {
  /** The jars or class folders inference runs from, as they are: another build may infer otherwise. */
  private static final Optional<String> CODE = code(FileSchema.class, ColumnType.class);

  private FileSchemaMemo() {}

  /** The schema of a source's files: remembered, or inferred now and remembered. */
  static FileSchema of(FileConfig config) {
    Optional<String> identity = identity(config);
    FileMarks marks = new FileMarks(config.indexFolder(), FileMarks.SCHEMA);
    Optional<FileSchema> known = identity.flatMap(marks::get).flatMap(FileSchemaMemo::decode);
    if (known.isPresent()) {
      return known.get();
    }
    FileSchema schema = FileSchema.infer(config);
    identity.ifPresent(id -> marks.put(id, encode(schema)));
    return schema;
  }

  private static Optional<String> identity(FileConfig config) {
    if (CODE.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(String.join("\n", "xsql file schema 1", CODE.get(), config.files().version().toString(),
          config.toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Each class's jar by size and time; a class folder by the latest time of the files in it. */
  private static Optional<String> code(Class<?>... classes) {
    StringBuilder out = new StringBuilder();
    try {
      for (Class<?> c : classes) {
        Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            long latest = files.mapToLong(FileSchemaMemo::modified).max().orElse(0);
            out.append(p).append(" at ").append(latest).append('\n');
          }
        } else {
          out.append(p).append(' ').append(Files.size(p)).append(" at ").append(modified(p)).append('\n');
        }
      }
      return Optional.of(out.toString());
    } catch (Exception e) {
      // No code source (a custom class loader): nothing is remembered beyond what each connection samples.
      return Optional.empty();
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema as bytes, for {@link #decode}. */
  static byte[] encode(FileSchema schema) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(schema.columns().size());
      for (int c = 0; c < schema.columns().size(); c++) {
        Column column = schema.columns().get(c);
        text(out, column.name());
        type(out, column.type());
        out.writeBoolean(column.nullable());
        texts(out, schema.paths().get(c));
        number(out, schema.distinct().get(c));
        out.writeBoolean(schema.pinned().get(c));
      }
      number(out, schema.estimatedRows());
      texts(out, schema.unknownPinned());
      texts(out, schema.notes());
      out.writeInt(schema.fileSlot().orElse(-1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The schema {@link #encode} wrote; empty for anything else. */
  static Optional<FileSchema> decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int count = in.readInt();
      List<Column> columns = new ArrayList<>();
      List<List<String>> paths = new ArrayList<>();
      List<OptionalLong> distinct = new ArrayList<>();
      BitSet pinned = new BitSet();
      for (int c = 0; c < count; c++) {
        columns.add(new Column(text(in), type(in), in.readBoolean()));
        paths.add(texts(in));
        distinct.add(number(in));
        pinned.set(c, in.readBoolean());
      }
      OptionalLong rows = number(in);
      List<String> unknownPinned = texts(in);
      List<String> notes = texts(in);
      int fileSlot = in.readInt();
      if (in.read() != -1 || fileSlot >= count) {
        return Optional.empty();
      }
      return Optional.of(new FileSchema(List.copyOf(columns), List.copyOf(paths), rows, List.copyOf(distinct),
          pinned, unknownPinned, notes, fileSlot < 0 ? OptionalInt.empty() : OptionalInt.of(fileSlot)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void type(DataOutputStream out, ColumnType type) throws IOException {
    text(out, type.kind().name());
    out.writeInt(type.precision());
    out.writeInt(type.scale());
    out.writeBoolean(type.element().isPresent());
    if (type.element().isPresent()) {
      type(out, type.element().get());
    }
  }

  private static ColumnType type(DataInputStream in) throws IOException {
    TypeKind kind = TypeKind.valueOf(text(in));
    int precision = in.readInt();
    int scale = in.readInt();
    Optional<ColumnType> element = in.readBoolean() ? Optional.of(type(in)) : Optional.empty();
    return new ColumnType(kind, precision, scale, element);
  }

  private static void number(DataOutputStream out, OptionalLong n) throws IOException {
    out.writeBoolean(n.isPresent());
    out.writeLong(n.orElse(0));
  }

  private static OptionalLong number(DataInputStream in) throws IOException {
    boolean present = in.readBoolean();
    long n = in.readLong();
    return present ? OptionalLong.of(n) : OptionalLong.empty();
  }

  private static void texts(DataOutputStream out, List<String> texts) throws IOException {
    out.writeInt(texts.size());
    for (String t : texts) {
      text(out, t);
    }
  }

  private static List<String> texts(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(text(in));
    }
    return List.copyOf(out);
  }

  // Not writeUTF, which stops at 64 KB.
  private static void text(DataOutputStream out, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("a damaged marker");
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
