/**
 * The restart decision, pure: {@link io.warden.supervisor.restart.RestartPlanner#next} maps the
 * spec, the run history, the exit and the time to restart-after-delay, stay exited, or give up.
 */
package io.warden.supervisor.restart;
