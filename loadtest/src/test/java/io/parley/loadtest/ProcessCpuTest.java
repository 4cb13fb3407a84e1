package io.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    @TempDir
    Path proc;

    @Test
    void cpuTime_isSummedPerRole_fromStatFiles_postgresWithItsChildren_andOthersLeftOut() throws IOException {
        process(100, 1, "java", 150, 50, "java -Xmx512m -jar /srv/command-api/target/command-api-0.1.0.jar");
        process(101, 1, "java", 300, 0, "java -jar /srv/query-api/target/query-api-0.1.0.jar");
        process(102, 1, "java", 100, 0, "java -jar /srv/query-api/target/query-api-0.1.0.jar --server.port=9");
        process(103, 1, "java", 40, 10, "java -Dparley.home=/srv -cp x io.parley.localstack.LocalStack");
        process(200, 1, "postgres", 10, 10, "/x/bin/postgres -D /srv/data/postgres -p 15432 -F");
        process(201, 200, "postgres: parley (idle)", 70, 10, "postgres: postgres parley 127.0.0.1(5) idle");
        process(300, 1, "postgres", 999, 999, "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql -p 5432 -c x");
        process(301, 300, "postgres", 999, 999, "postgres: other");
        process(400, 1, "java", 999, 999, "java -jar loadtest.jar io.parley.loadtest.Bench");
        // Another checkout's stack on the same machine.
        process(500, 1, "java", 999, 999, "java -jar /srv2/command-api/target/command-api-0.1.0.jar");
        process(501, 1, "java", 999, 999, "java -Dparley.home=/srv2 -cp x io.parley.localstack.LocalStack");
        process(502, 1, "java", 999, 999, "java -jar /srv/other/query-api/target/query-api-0.1.0.jar");

        Map<String, Double> seconds = new ProcessCpu(proc, 15432, Path.of("/srv")).snapshot();

        assertThat(seconds).containsEntry(ProcessCpu.COMMAND_API, 2.0)
                .containsEntry(ProcessCpu.QUERY_API, 4.0)
                .containsEntry(ProcessCpu.NOTIFICATION_HANDLER, 0.0)
                .containsEntry(ProcessCpu.LOCAL_STACK, 0.5)
                .containsEntry(ProcessCpu.POSTGRESQL, 1.0)
                .hasSize(5);
    }

    @Test
    void compilerTime_isSummedPerJavaRole_fromTheJitCompilerThreadsOnly() throws IOException {
        process(100, 1, "java", 150, 50, "java -Xmx512m -jar /srv/command-api/target/command-api-0.1.0.jar");
        thread(100, 100, "java", 1, 1);
        thread(100, 110, "C2 CompilerThre", 60, 2);
        thread(100, 111, "C1 CompilerThre", 30, 0);
        thread(100, 112, "http-nio-8081-e", 90, 10);
        process(101, 1, "java", 300, 0, "java -jar /srv/query-api/target/query-api-0.1.0.jar");
        thread(101, 120, "C2 CompilerThre", 50, 0);
        process(200, 1, "postgres", 10, 10, "/x/bin/postgres -D /srv/data/postgres -p 15432 -F");
        // Another checkout's command-api compiles too: not this stack's cost.
        process(500, 1, "java", 999, 999, "java -jar /srv2/command-api/target/command-api-0.1.0.jar");
        thread(500, 510, "C2 CompilerThre", 999, 999);

        Map<String, Double> seconds = new ProcessCpu(proc, 15432, Path.of("/srv")).compilerSnapshot();

        assertThat(seconds).containsEntry(ProcessCpu.COMMAND_API, 0.92)
                .containsEntry(ProcessCpu.QUERY_API, 0.5)
                .containsEntry(ProcessCpu.NOTIFICATION_HANDLER, 0.0)
                .containsEntry(ProcessCpu.LOCAL_STACK, 0.0)
                .doesNotContainKey(ProcessCpu.POSTGRESQL);
    }

    @Test
    void perMessage_isTheDifferenceOfTwoSnapshots_perRoleAndInTotal_withTheJitCompilersShare() {
        Map<String, Object> report = ProcessCpu.perMessage(Map.of("a", 1.0, "b", 2.0), Map.of("a", 3.0, "b", 2.5),
                Map.of("a", 0.5), Map.of("a", 1.0), 1000);

        assertThat(report).containsEntry("messages", 1000L).containsEntry("cpuSeconds", 2.5)
                .containsEntry("msPerMessage", 2.5)
                .containsEntry("msPerMessageByProcess", Map.of("a", 2.0, "b", 0.5))
                .containsEntry("jitMsPerMessage", 0.5)
                .containsEntry("jitMsPerMessageByProcess", Map.of("a", 0.5))
                .containsEntry("msPerMessageWithoutJit", 2.0);
    }

    @Test
    void theLoadToolsOwnCpu_grows_whileItWorks() {
        double before = ProcessCpu.loadToolSeconds();
        assertThat(before).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            busy();
            return ProcessCpu.loadToolSeconds() > before;
        });
    }

    private static void busy() {
        long sum = 0;
        for (long started = System.nanoTime(); System.nanoTime() - started < 20_000_000; ) {
            sum += Long.numberOfTrailingZeros(sum + started);
        }
        if (sum == 42) {
            throw new AssertionError("never");
        }
    }

    /** A /proc/<pid>/task/<tid>/stat: a thread of that process, by its name, with its own clock ticks. */
    private void thread(int pid, int tid, String name, long user, long system) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("task")
                .resolve(Integer.toString(tid)));
        Files.writeString(dir.resolve("stat"), tid + " (" + name + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + user + " "
                + system + " 0 0 20 0 1 0 100 1000 10");
    }

    /** A /proc/<pid> with stat (utime and stime in clock ticks, fields 14 and 15) and a NUL-separated cmdline. */
    private void process(int pid, int parent, String name, long user, long system, String command) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S " + parent
                + " 1 1 0 -1 4194560 100 0 0 0 " + user + " " + system + " 0 0 20 0 1 0 100 1000 10");
        Files.writeString(dir.resolve("cmdline"), command.replace(' ', '\0'));
    }
}
