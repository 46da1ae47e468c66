package io.warden.supervisor.spec;

import java.time.Duration;

/**
 * How a service is restarted.
 *
 * @param policy     when; default {@code on-failure}
 * @param backoff    the delays between restarts
 * @param resetAfter uptime after which a run counts as good: the backoff starts over; default 10s
 * @param startLimit how many starts in which window before the service is marked failed
 */
public record RestartSpec(RestartPolicy policy, Backoff backoff, Duration resetAfter, StartLimit startLimit) {

    public static final RestartSpec DEFAULT = new RestartSpec(null, null, null, null);

    public RestartSpec {
        policy = policy == null ? RestartPolicy.ON_FAILURE : policy;
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        resetAfter = resetAfter == null ? Duration.ofSeconds(10) : resetAfter;
        startLimit = startLimit == null ? StartLimit.DEFAULT : startLimit;
        if (resetAfter.isNegative()) {
            throw new IllegalArgumentException("resetAfter cannot be negative, was " + resetAfter);
        }
    }
}
