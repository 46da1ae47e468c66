package io.warden.daemon;

import java.io.File;

/** The {@code -cp} of a child JVM that runs this module's (test) classes. */
final class ChildClassPath {

    private ChildClassPath() {
    }

    /**
     * This JVM's classes: when the tests run on the module path, the module and its libraries are
     * on {@code jdk.module.path}, not on the class path.
     */
    static String ofThisJvm() {
        String classes = System.getProperty("java.class.path");
        String modules = System.getProperty("jdk.module.path");
        return modules == null ? classes : classes + File.pathSeparator + modules;
    }
}
