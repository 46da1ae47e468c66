/**
 * The {@code warden} command line: {@code run} wraps any program with the single-instance
 * guarantee, {@code up} starts the daemon. Exit codes: 0 ok, 1 failure, 2 usage error, 3 already
 * running, 4 refused by policy; {@code run} passes its child's exit code through.
 */
package io.warden.cli;
