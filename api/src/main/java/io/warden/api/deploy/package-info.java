/** {@code /api/v1/deploys} and the deploy and rollback of a service: the governed change of a spec. */
package io.warden.api.deploy;
