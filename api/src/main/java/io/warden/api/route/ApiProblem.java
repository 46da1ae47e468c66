package io.warden.api.route;

/**
 * An RFC 9457 problem: the status, a short title and a {@code detail} that says what was wrong
 * and, for 400, which field. Thrown by handlers, written once by the guard as
 * {@code application/problem+json}.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiProblem(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** 400 naming the field. */
    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Bad Request", detail, field);
    }

    /** 404 for a thing that does not exist. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, null);
    }

    /** 409 for a request that conflicts with the current state. */
    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The offending field (JSON pointer-ish dotted path), or null. */
    public String field() {
        return field;
    }
}
