/** Routes over the metrics sampler: the latest host sample and history for charts. */
package io.warden.api.system;
