/**
 * What the operating system tells Warden: the OS family, the {@code /proc} readers more than one
 * module needs, the host's clocks. No dependencies: lock, supervisor and metrics sit above it.
 */
module io.warden.os {
    exports io.warden.os;
}
