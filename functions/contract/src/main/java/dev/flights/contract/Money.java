package dev.flights.contract;

/** An amount in whole currency units; never negative. */
public record Money(long amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public Money {
        if (amount < 0) {
            throw new IllegalArgumentException("money cannot be negative: " + amount);
        }
    }

    public static Money of(long amount) {
        return new Money(amount);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount - other.amount);
    }

    public boolean isLessThan(Money other) {
        return amount < other.amount;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amount, other.amount);
    }

    @Override
    public String toString() {
        return Long.toString(amount);
    }
}
