package org.safeguardstats.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record component that groups several output columns (an estimate's value, limits, method and
 * null reason): the prefix of their column names, and the name of the value column when it is not
 * the prefix alone (see {@link OutputColumns}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Columns {
  /** Prefix of every column of the group, e.g. {@code share_} or {@code ""}. */
  String prefix();

  /** The column of the group's {@code value} component; default: the prefix without its "_". */
  String value() default "";
}
