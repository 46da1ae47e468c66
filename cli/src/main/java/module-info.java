/** The {@code warden} command line: a thin client of the daemon's API, plus {@code run}, {@code doctor} and {@code up}. */
module io.warden.cli {
    requires io.warden.lock;
    requires io.warden.config;
    requires io.warden.supervisor;
    requires io.warden.daemon;
    requires java.net.http;
    requires jdk.unsupported;

    opens io.warden.cli to com.fasterxml.jackson.databind;
}
