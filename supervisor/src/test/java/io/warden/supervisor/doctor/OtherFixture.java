package io.warden.supervisor.doctor;

/** Another program for the same interpreter: {@code OtherFixture PORT} only waits. */
public final class OtherFixture {

    public static void main(String[] args) throws Exception {
        Thread.sleep(Long.MAX_VALUE);
    }
}
