package dev.flights.bench.coldstart;

/** The bare JVM baseline: a main that answers at once and returns, on a class path of its own. */
public final class BareJvm {

    private BareJvm() {
    }

    public static void main(String[] args) {
        System.out.println("ANSWERED 200");
    }
}
