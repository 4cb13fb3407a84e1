package io.parley.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service's {@code /actuator/info} must say: the build (spring-boot-maven-plugin's build-info goal) and,
 * when built from a git checkout, the commit (git-commit-id-maven-plugin's git.properties).
 */
public final class ActuatorInfo {

    private ActuatorInfo() {
    }

    public static void assertDescribesTheBuild(String body, String artifactId) {
        JsonNode info = JsonMapper.builder().build().readTree(body);
        JsonNode build = info.path("build");
        assertThat(build.path("artifact").asString()).as(body).isEqualTo(artifactId);
        assertThat(build.path("group").asString()).isEqualTo("io.parley");
        assertThat(build.path("version").asString()).isNotBlank();
        assertThat(build.path("time").asString()).isNotBlank();
        if (insideGitCheckout()) {
            JsonNode git = info.path("git");
            assertThat(git.path("commit").path("id").asString()).as(body).matches("[0-9a-f]{7,40}");
            assertThat(git.path("commit").path("time").asString()).isNotBlank();
            assertThat(git.has("branch")).isTrue();
        }
    }

    /** A source archive has no .git, and then no git.properties is made (failOnNoGitDirectory=false). */
    private static boolean insideGitCheckout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
