package dev.flights.platform.auth;

import dev.flights.contract.UserId;
import java.util.Set;

/** The signed-in caller of an HTTP function: the customer it is, and its app roles. */
public record Caller(UserId userId, String name, Set<String> roles) {

    public static final String ADMIN = "admin";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean is(UserId customer) {
        return userId.equals(customer);
    }

    /** Operators read every account and list; customers only their own. */
    public boolean mayRead(UserId customer) {
        return is(customer) || isAdmin();
    }
}
