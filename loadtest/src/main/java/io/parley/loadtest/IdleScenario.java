package io.parley.loadtest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack with no traffic: the share of the machine's CPU its processes use over a while, per process and in
 * total (the fast-path issue asks at most 2 % over 60 s). Sends nothing and opens no socket; the load tool's own
 * process is not counted ({@link ProcessCpu}).
 */
final class IdleScenario {

    private final Duration duration;
    private final int postgresPort;

    IdleScenario(Duration duration, int postgresPort) {
        this.duration = duration;
        this.postgresPort = postgresPort;
    }

    Map<String, Object> run() throws InterruptedException {
        ProcessCpu cpu = ProcessCpu.ofThisMachine(postgresPort);
        int cores = Runtime.getRuntime().availableProcessors();
        Progress.say("measuring the stack with no traffic for %d s (%d cores)", duration.toSeconds(), cores);
        Map<String, Double> before = cpu.snapshot();
        long start = System.nanoTime();
        // The measurement window itself: nothing is to happen in it.
        Thread.sleep(duration);
        Map<String, Double> after = cpu.snapshot();
        double capacity = (System.nanoTime() - start) / 1e9 * cores;

        Map<String, Object> byProcess = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> role : ProcessCpu.used(before, after).entrySet()) {
            total += role.getValue();
            byProcess.put(role.getKey(), percent(role.getValue(), capacity));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", Math.round(capacity / cores * 10) / 10.0);
        result.put("cores", cores);
        result.put("cpuSeconds", Math.round(total * 100) / 100.0);
        result.put("percentOfMachine", percent(total, capacity));
        result.put("percentOfMachineByProcess", byProcess);
        Progress.say("idle: %.2f %% of the machine %s", percent(total, capacity), byProcess);
        return result;
    }

    private static double percent(double used, double capacity) {
        return Math.round(used / capacity * 10_000) / 100.0;
    }
}
