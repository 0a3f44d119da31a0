package dev.ollamamax.ui.supervision;

import dev.ollamamax.server.process.ManagedService.State;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link StackProcess} is doing, in one place and thread-safe: its state, the words for the status column
 * (with the restart count and the last exit code), and the facts the stack's {@code depends_on} conditions ask.
 */
final class ProcessState {

    private State state = State.STOPPED;
    private String words;
    private String facts = "";
    private int restarts;
    private boolean attempted;
    private boolean launched;
    private boolean ready;
    private boolean exitedZero;
    private Optional<Integer> lastExit = Optional.empty();
    private String livenessFailure;
    private long restartAt;

    ProcessState(String initial) {
        this.words = initial;
    }

    synchronized State state() {
        return state;
    }

    synchronized int restarts() {
        return restarts;
    }

    synchronized String detail() {
        String text = words;
        if (state == State.RESTARTING) {
            long ms = Math.max(0, (restartAt - System.nanoTime()) / 1_000_000);
            text = text + "; restarting in " + (ms + 999) / 1000 + " s";
        }
        if (restarts > 0) {
            text = text + " · restarts: " + restarts;
        }
        return text + facts;
    }

    synchronized void userStarted() {
        restarts = 0;
        attempted = true;
        launched = false;
        exitedZero = false;
        lastExit = Optional.empty();
        livenessFailure = null;
        state = State.STARTING;
        words = "starting";
    }

    synchronized void launched(long pid, boolean waitsForReadiness) {
        launched = true;
        ready = !waitsForReadiness;
        livenessFailure = null;
        state = waitsForReadiness ? State.STARTING : State.RUNNING;
        words = waitsForReadiness ? "waiting for its readiness probe" : "running";
        facts = " · pid " + pid + lastExit.map(c -> " · last exit code " + c).orElse("");
    }

    synchronized void ready() {
        ready = true;
        state = State.RUNNING;
        words = "ready";
    }

    synchronized void livenessFailed(String why) {
        livenessFailure = why;
        words = "liveness probe failed: " + why;
    }

    synchronized boolean killedByLiveness() {
        return livenessFailure != null;
    }

    synchronized void restarting(int code, Duration delay) {
        record(code);
        restarts++;
        state = State.RESTARTING;
        restartAt = System.nanoTime() + delay.toNanos();
        words = (livenessFailure != null ? "liveness probe failed" : "exited with code " + code);
    }

    synchronized void exited(int code, String note) {
        record(code);
        state = code == 0 && livenessFailure == null ? State.STOPPED : State.CRASHED;
        String what = livenessFailure != null ? "liveness probe failed; exit code " + code
                : code == 0 ? "completed (exit code 0)" : "exited with code " + code;
        words = note.isEmpty() ? what : what + "; " + note;
    }

    synchronized void crashed(String why) {
        facts = "";
        state = State.CRASHED;
        words = why;
    }

    synchronized void stopping() {
        state = State.STOPPING;
        words = "stopping (SIGTERM)";
    }

    synchronized void stopped(Optional<Integer> code) {
        code.ifPresent(this::record);
        ready = false;
        if (state != State.STOPPED || code.isPresent()) {
            state = State.STOPPED;
            words = "stopped" + code.map(c -> " (exit code " + c + ")").orElse("");
        }
    }

    private void record(int code) {
        facts = "";
        lastExit = Optional.of(code);
        ready = false;
        exitedZero |= code == 0;
    }

    /** Whether anyone (the stack or the user) has asked it to start since it was declared. */
    synchronized boolean attempted() {
        return attempted;
    }

    /** {@code process_started}: launched since the user (or the stack) last started it. */
    synchronized boolean started() {
        return launched;
    }

    /** {@code process_healthy}: running and its readiness probe passed (running is enough without one). */
    synchronized boolean healthy() {
        return ready && (state == State.RUNNING);
    }

    /** {@code process_completed_successfully}: it exited with code 0. */
    synchronized boolean completedSuccessfully() {
        return exitedZero;
    }

    /** Started, and now stopped or crashed for good: a condition not met by now never will be. */
    synchronized boolean settled() {
        return attempted && (state == State.STOPPED || state == State.CRASHED);
    }

    synchronized Optional<Integer> lastExit() {
        return lastExit;
    }
}
