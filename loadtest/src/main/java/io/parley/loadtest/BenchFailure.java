package io.parley.loadtest;

/** A scenario cannot run or its run failed; the message says why (the tool exits non-zero with it). */
public final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
