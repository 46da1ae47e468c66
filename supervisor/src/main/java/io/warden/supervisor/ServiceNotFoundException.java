package io.warden.supervisor;

import java.util.Collection;

/** No service has the name asked for. */
public final class ServiceNotFoundException extends SupervisorException {

    private final String name;

    ServiceNotFoundException(String name, Collection<String> known) {
        super("no service named '" + name + "'. Services: " + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        this.name = name;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }
}
