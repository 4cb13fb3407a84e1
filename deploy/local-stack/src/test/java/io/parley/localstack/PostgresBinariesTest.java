package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./parley up} ships the PostgreSQL binaries of every platform a developer is likely on; zonky's resolver
 * looks for {@code postgres-<os>-<arch>.txz} on the classpath.
 */
class PostgresBinariesTest {

    @ParameterizedTest
    @ValueSource(strings = {"linux-x86_64", "linux-arm_64", "darwin-x86_64", "darwin-arm_64"})
    void binariesOfThePlatform_areOnTheRuntimeClasspath(String platform) {
        assertThat(getClass().getClassLoader().getResource("postgres-" + platform + ".txz")).isNotNull();
    }
}
