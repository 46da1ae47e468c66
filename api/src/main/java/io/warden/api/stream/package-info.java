/**
 * The WebSocket stream {@code /api/v1/stream}: topics ({@code system}, {@code services},
 * {@code events}, {@code logs:NAME}) pushed to subscribed clients. Connects are rate limited and
 * authenticated at the HTTP upgrade (or by the first message), inbound messages per connection;
 * every connection has a bounded outbound queue drained by a virtual thread started when there is
 * something to write (an idle client holds no thread), so a client that does not read is dropped
 * instead of slowing the others or holding memory.
 */
package io.warden.api.stream;
