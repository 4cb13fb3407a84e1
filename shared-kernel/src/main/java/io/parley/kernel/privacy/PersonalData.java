package io.parley.kernel.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string component of an event that is personal data of the event's {@link DataSubject}: the event serializer
 * stores it encrypted with that subject's key and, once the key is erased, reads it as {@link #erasedAs()}. Also
 * allowed on a component of a record that an event carries in a collection (an attachment's name): the event's
 * subject owns it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    String erasedAs() default Erased.VALUE;
}
