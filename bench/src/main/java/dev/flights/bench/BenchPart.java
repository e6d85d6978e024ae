package dev.flights.bench;

import java.util.List;

/**
 * One part of the bench. It measures its figures and, in the same run, the baseline each one stands beside; a
 * smoke run ({@link BenchContext#smoke()}) is small, for CI, and says nothing about speed.
 */
public interface BenchPart {

    /** The name {@code --parts} selects it by, e.g. {@code cold-start}. */
    String name();

    List<Figure> run(BenchContext context) throws Exception;
}
