package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.parley.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The services start as {@code ./parley up} starts them: from their extracted jar with the class-data archive a
 * training start recorded for this build (README, PARLEY_CLASS_DATA_SHARING), which holds the service's own classes:
 * an AOT cache on JDK 25 and later, a dynamic AppCDS archive before.
 */
class ClassDataSharingIT {

    @Test
    void services_startFromAClassDataArchiveHoldingTheirOwnClasses() throws Exception {
        ParleyStack stack = ParleyStack.get();
        Map<ServiceProcess, String> mainClasses = Map.of(
                stack.command, "io.parley.command.CommandApiApplication",
                stack.query, "io.parley.query.QueryApiApplication");
        for (Map.Entry<ServiceProcess, String> service : mainClasses.entrySet()) {
            List<String> arguments = List.of(service.getKey().process().info().arguments().orElseThrow());
            String expected = Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
            String archive = arguments.stream().filter(a -> a.startsWith(expected)).findFirst()
                    .orElseThrow(() -> new AssertionError(service.getKey().name() + " started without " + expected
                            + ": " + arguments));
            Path jar = Path.of(arguments.get(arguments.indexOf("-jar") + 1));
            assertThat(jar.getParent().getParent().getFileName()).hasToString("class-data");

            // The JVM checks the archive against this class path (jars, sizes, times) and lists what it holds.
            Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    archive, "-XX:+PrintSharedArchiveAndExit", "-jar", jar.toString())
                    .redirectErrorStream(true).start();
            String listing = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as("%s's archive checked against its class path:%n%s",
                    service.getKey().name(), listing.lines().limit(40).toList()).isZero();
            assertThat(listing).as(service.getKey().name()).contains(service.getValue());
        }
    }
}
