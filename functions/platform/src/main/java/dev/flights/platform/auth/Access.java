package dev.flights.platform.auth;

import com.microsoft.azure.functions.HttpRequestMessage;
import dev.flights.contract.UserId;

/**
 * The checks an HTTP function makes before it touches anything: who is calling (401 when nobody is, so a deployment
 * whose platform sign-in is missing fails closed), whether that caller may act for or read a customer (403), whether
 * it operates (the {@code admin} app role). A reservation of someone else is the caller's 404, decided where the
 * reservation is read, with {@link Caller#mayRead}.
 */
public final class Access {

    private Access() {
    }

    public static Caller signedIn(HttpRequestMessage<?> request) {
        return CallerIdentity.from(request.getHeaders()).orElseThrow(() -> AccessRefusedException.unauthenticated(
                "sign in first: this route needs a signed-in customer"));
    }

    /** Deposits, reservations, cancellations: only for oneself, whatever one's roles. */
    public static void requireSelf(Caller caller, UserId customer) {
        if (!caller.is(customer)) {
            throw AccessRefusedException.forbidden("you are signed in as another customer than " + customer);
        }
    }

    /** Accounts and lists: one's own, or any for an operator. */
    public static void requireReader(Caller caller, UserId customer) {
        if (!caller.mayRead(customer)) {
            throw AccessRefusedException.forbidden("you are signed in as another customer than " + customer);
        }
    }

    public static Caller requireAdmin(HttpRequestMessage<?> request) {
        Caller caller = signedIn(request);
        if (!caller.isAdmin()) {
            throw AccessRefusedException.forbidden("this operator route needs the " + Caller.ADMIN + " role");
        }
        return caller;
    }
}
