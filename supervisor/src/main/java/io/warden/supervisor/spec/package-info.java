/**
 * Service specifications as bound from warden.yaml: immutable records that fill in their
 * defaults and validate themselves, and {@link io.warden.supervisor.spec.ServiceSpecs} for the
 * checks over the whole {@code services:} map (names, references, cycles) and the start order.
 */
package io.warden.supervisor.spec;
