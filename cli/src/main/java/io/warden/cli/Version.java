package io.warden.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"warden " + current()};
    }
}
