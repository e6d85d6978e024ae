package dev.flights.platform.auth;

/**
 * A request refused for who sent it: 401 nobody signed in, 403 signed in but not allowed, 503 who it is cannot be
 * checked right now (the sign-in keys are out of reach). Nothing was done.
 */
public final class AccessRefusedException extends RuntimeException {

    private final int status;
    private final String title;

    private AccessRefusedException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static AccessRefusedException unauthenticated(String detail) {
        return new AccessRefusedException(401, "Unauthenticated", detail);
    }

    static AccessRefusedException forbidden(String detail) {
        return new AccessRefusedException(403, "Forbidden", detail);
    }

    static AccessRefusedException unavailable(String detail) {
        return new AccessRefusedException(503, "Service unavailable", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
