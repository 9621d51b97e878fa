package io.xsql.codegen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for {@code Forwarding<Interface>}, an abstract class in the annotated class's package that
 * implements a (non-generic) interface by calling the same method of a {@code delegate} field, for every
 * abstract method; default methods keep the interface's body. The annotated class extends it and
 * overrides only what it changes, so that what differs from plain forwarding is all that is written.
 *
 * <p>A generated class rather than a dynamic proxy, for interfaces called per row and column, where a
 * proxy's reflection costs more than the call; generated rather than written, because two hundred
 * hand-written one-line methods hide the few that matter.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Forwarding {
  /** The interface to forward. */
  Class<?> value();
}
