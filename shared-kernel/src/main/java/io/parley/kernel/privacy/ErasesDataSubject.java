package io.parley.kernel.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an event whose append erased its {@link DataSubject}'s key (the account's deletion): every service that reads
 * it drops the key from its cache at once, rather than serving it until the cache entry expires.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErasesDataSubject {
}
