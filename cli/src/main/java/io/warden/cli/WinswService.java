package io.warden.cli;

import java.nio.file.Path;

/**
 * The WinSW service definition of a Warden daemon (Windows has no bash launcher: WinSW runs the
 * JDK's {@code java} on the jar). WinSW stops a service with Ctrl+C, which Warden handles like
 * SIGTERM (its ordered stop), and kills it only after {@code stoptimeout}. Immutable.
 *
 * @param name        the service's id
 * @param java        the {@code java} executable
 * @param jar         the Warden jar
 * @param config      the config file
 * @param stopSeconds how long WinSW waits for the ordered stop
 */
record WinswService(String name, Path java, Path jar, Path config, long stopSeconds) {

    String xml() {
        return """
                <!-- Written by `warden service install --windows`; register it with WinSW (docs/service.md). -->
                <service>
                  <id>%1$s</id>
                  <name>Warden (%1$s)</name>
                  <description>Warden: supervises the services of %4$s</description>
                  <executable>%2$s</executable>
                  <arguments>-XX:+UseSerialGC -Xmx256m -jar "%3$s" up --config "%4$s"</arguments>
                  <workingdirectory>%5$s</workingdirectory>
                  <startmode>Automatic</startmode>
                  <!-- Ctrl+C first: Warden stops its services in order, each with its own timeout. -->
                  <stoptimeout>%6$d sec</stoptimeout>
                  <onfailure action="restart" delay="5 sec"/>
                  <resetfailure>1 hour</resetfailure>
                  <log mode="roll-by-size">
                    <sizeThreshold>10240</sizeThreshold>
                    <keepFiles>5</keepFiles>
                  </log>
                </service>
                """.formatted(escape(name), escape(java.toString()), escape(jar.toString()),
                escape(config.toString()), escape(config.getParent().toString()), stopSeconds);
    }

    /** What to run on the Windows host, in order, with {@code dir} where the XML is. */
    String steps(Path dir) {
        return """
                Next, on the Windows host (an administrator's PowerShell):
                  1. Download WinSW-x64.exe from https://github.com/winsw/winsw/releases and save it as
                     %1$s\\%2$s.exe, beside %2$s.xml
                  2. %1$s\\%2$s.exe install
                  3. %1$s\\%2$s.exe start
                  Status: %1$s\\%2$s.exe status; remove: %1$s\\%2$s.exe stop, then %1$s\\%2$s.exe uninstall
                """.formatted(dir, name);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
