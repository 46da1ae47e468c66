/**
 * Service specifications as bound from warden.yaml: immutable records that fill in their
 * defaults and validate themselves; {@link io.warden.supervisor.spec.ServiceSpecs} for the
 * checks over the whole {@code services:} map (names, references, cycles); and
 * {@link io.warden.supervisor.spec.ServiceGraph}, the {@code dependsOn} arrows as a pure value
 * (start order, dependencies of, dependants of).
 */
package io.warden.supervisor.spec;
