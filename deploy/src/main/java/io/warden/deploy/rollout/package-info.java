/**
 * Running a service with a spec and waiting until it is healthy for {@code minHealthyTime} within
 * {@code healthyDeadline}: the same step applies a new version and restores the last stable one.
 */
package io.warden.deploy.rollout;
