/**
 * Which code a service runs: the commit and dirty flag of its checkout and the newest of its code
 * files, recorded at each start ({@link io.warden.supervisor.identity.CodeStamps}), and whether the
 * files on disk have changed since (stale).
 */
package io.warden.supervisor.identity;
