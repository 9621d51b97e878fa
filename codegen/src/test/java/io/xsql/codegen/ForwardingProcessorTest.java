package io.xsql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ForwardingProcessorTest {
  @TempDir
  Path dir;

  @Test
  void forwardsEveryAbstractMethodAndLeavesDefaultsAlone() throws Exception {
    String diagnostics = compile("p/Rows.java", """
        package p;
        @io.xsql.codegen.Forwarding(java.sql.ResultSet.class)
        public final class Rows extends ForwardingResultSet {
          public Rows(java.sql.ResultSet delegate) {
            super(delegate);
          }
        }
        """);
    assertThat(diagnostics).isEmpty();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> base = loader.loadClass("p.ForwardingResultSet");
      Set<String> declared = Arrays.stream(base.getDeclaredMethods()).map(ForwardingProcessorTest::signature)
          .collect(Collectors.toSet());
      Set<String> abstracts = Arrays.stream(ResultSet.class.getMethods())
          .filter(m -> Modifier.isAbstract(m.getModifiers())).map(ForwardingProcessorTest::signature)
          .collect(Collectors.toSet());
      assertThat(declared).isEqualTo(abstracts).doesNotContain("updateObject(int,Object,SQLType)");

      List<String> calls = new ArrayList<>();
      ResultSet delegate = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
            calls.add(method.getName() + Arrays.toString(args));
            return method.getReturnType() == String.class ? "x" : null;
          });
      ResultSet rows = (ResultSet) loader.loadClass("p.Rows").getConstructor(ResultSet.class).newInstance(delegate);
      assertThat(rows.getString(2)).isEqualTo("x");
      rows.updateString("a", "b");
      assertThat(calls).containsExactly("getString[2]", "updateString[a, b]");
    }
  }

  @Test
  void refusesAClass() throws Exception {
    String diagnostics = compile("p/Bad.java", """
        package p;
        @io.xsql.codegen.Forwarding(String.class)
        final class Bad {
        }
        """);
    assertThat(diagnostics).contains("@Forwarding takes a non-generic interface, not java.lang.String");
  }

  /** Compiles one source with the processor and every lint warning on; returns what javac said. */
  private String compile(String path, String source) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String processorClasses = Path.of(Forwarding.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    StringWriter out = new StringWriter();
    try (var files = javac.getStandardFileManager(null, null, null)) {
      javac.getTask(out, files, null,
          List.of("-Xlint:all,-processing", "-classpath", processorClasses, "-d", dir.toString(),
              "-s", dir.toString()),
          null, files.getJavaFileObjects(file)).call();
    }
    return out.toString();
  }

  private static String signature(Method m) {
    return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(",", "(", ")"));
  }
}
