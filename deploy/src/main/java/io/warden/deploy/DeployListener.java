package io.warden.deploy;

/** Hears every {@link DeployEvent}; called on the deploy's thread, so it must not block. */
@FunctionalInterface
public interface DeployListener {

    /** Listens to nothing. */
    DeployListener NONE = event -> { };

    void onEvent(DeployEvent event);
}
