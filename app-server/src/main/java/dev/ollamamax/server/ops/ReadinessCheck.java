package dev.ollamamax.server.ops;

/** One dependency check behind {@code /health/ready}: nodes, database, cache. */
public interface ReadinessCheck {

    enum State { UP, DEGRADED, DOWN }

    record Result(State state, String message) {
        public static Result up(String message) {
            return new Result(State.UP, message);
        }

        public static Result degraded(String message) {
            return new Result(State.DEGRADED, message);
        }

        public static Result down(String message) {
            return new Result(State.DOWN, message);
        }
    }

    String name();

    Result check();
}
