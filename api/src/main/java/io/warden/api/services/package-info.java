/** Routes over the supervisor: services, their control, logs and events. */
package io.warden.api.services;
