package io.xsql.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.MirroredTypeException;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/** Writes the classes {@link Forwarding} asks for. */
@SupportedAnnotationTypes("io.xsql.codegen.Forwarding")
public final class ForwardingProcessor extends AbstractProcessor {

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element annotated : round.getElementsAnnotatedWith(Forwarding.class)) {
      Element forwarded = processingEnv.getTypeUtils().asElement(forwarded(annotated));
      if (!(forwarded instanceof TypeElement type) || type.getKind() != ElementKind.INTERFACE
          || !type.getTypeParameters().isEmpty()) {
        error(annotated, "@Forwarding takes a non-generic interface, not " + forwarded);
        continue;
      }
      String pkg = processingEnv.getElementUtils().getPackageOf(annotated).getQualifiedName().toString();
      String name = "Forwarding" + type.getSimpleName();
      try (Writer out = processingEnv.getFiler()
          .createSourceFile(pkg.isEmpty() ? name : pkg + "." + name, annotated).openWriter()) {
        out.write(source(pkg, name, type, annotated));
      } catch (IOException e) {
        error(annotated, "cannot write " + name + ": " + e);
      }
    }
    return true;
  }

  /** The annotation's class: while compiling there is no {@code Class} yet, and javac throws its type. */
  private static TypeMirror forwarded(Element annotated) {
    try {
      annotated.getAnnotation(Forwarding.class).value();
      throw new IllegalStateException("a class value read during compilation");
    } catch (MirroredTypeException e) {
      return e.getTypeMirror();
    }
  }

  private void error(Element at, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, at);
  }

  private String source(String pkg, String name, TypeElement type, Element annotated) {
    String iface = type.getQualifiedName().toString();
    StringBuilder s = new StringBuilder();
    if (!pkg.isEmpty()) {
      s.append("package ").append(pkg).append(";\n\n");
    }
    s.append("/** Calls {@link ").append(iface).append("}'s methods on a delegate; for {@link ")
        .append(annotated).append("}. */\n")
        .append("@javax.annotation.processing.Generated(\"").append(getClass().getName()).append("\")\n")
        // The interface's deprecated methods are forwarded like the rest.
        .append("@SuppressWarnings(\"deprecation\")\n")
        .append("abstract class ").append(name).append(" implements ").append(iface).append(" {\n")
        .append("  protected final ").append(iface).append(" delegate;\n\n")
        .append("  protected ").append(name).append('(').append(iface).append(" delegate) {\n")
        .append("    this.delegate = delegate;\n  }\n");
    List<ExecutableElement> methods = ElementFilter.methodsIn(
        processingEnv.getElementUtils().getAllMembers(type));
    for (ExecutableElement m : methods) {
      if (m.getModifiers().contains(Modifier.ABSTRACT)) {
        s.append('\n').append(method(m));
      }
    }
    return s.append("}\n").toString();
  }

  private static String method(ExecutableElement m) {
    String typeParameters = m.getTypeParameters().isEmpty() ? ""
        : m.getTypeParameters().stream().map(ForwardingProcessor::typeParameter)
            .collect(Collectors.joining(", ", "<", "> "));
    String parameters = m.getParameters().stream()
        .map(p -> p.asType() + " " + p.getSimpleName()).collect(Collectors.joining(", "));
    if (m.isVarArgs()) {
      parameters = parameters.replaceFirst("\\[\\]( \\w+)$", "...$1");
    }
    String arguments = m.getParameters().stream().map(p -> p.getSimpleName().toString())
        .collect(Collectors.joining(", "));
    String thrown = m.getThrownTypes().isEmpty() ? ""
        : m.getThrownTypes().stream().map(TypeMirror::toString).collect(Collectors.joining(", ", " throws ", ""));
    String call = "delegate." + m.getSimpleName() + "(" + arguments + ");";
    return "  @Override\n"
        + "  public " + typeParameters + m.getReturnType() + " " + m.getSimpleName() + "(" + parameters + ")"
        + thrown + " {\n"
        + "    " + (m.getReturnType().getKind() == TypeKind.VOID ? "" : "return ") + call + "\n"
        + "  }\n";
  }

  private static String typeParameter(TypeParameterElement t) {
    List<String> bounds = t.getBounds().stream().map(TypeMirror::toString)
        .filter(b -> !b.equals("java.lang.Object")).toList();
    return bounds.isEmpty() ? t.getSimpleName().toString()
        : t.getSimpleName() + " extends " + String.join(" & ", bounds);
  }
}
