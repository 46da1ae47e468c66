/**
 * The web dashboard served at {@code /}: plain HTML and JavaScript modules (no build step) and
 * uPlot from its WebJar, all read from the jar once. The page is a client of the API like any
 * other: it holds the user's token in {@code sessionStorage} (never a cookie, never a URL), calls
 * the {@code /api/v1} routes and subscribes to {@code /api/v1/stream}, so it can do nothing the
 * token could not do with curl. {@code /api/v1/whoami} tells it which buttons to show; the server
 * refuses the rest anyway.
 */
package io.warden.api.dashboard;
