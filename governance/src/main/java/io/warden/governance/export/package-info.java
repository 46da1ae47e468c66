/**
 * Assessments in and out: {@link io.warden.governance.export.AssessmentCodec} reads YAML or JSON files
 * with the config module's strict binder (a mistake named by file, line and key, as in warden.yaml;
 * docs/assessments.md lists every field) and writes JSON (camelCase, ISO-8601 instants, durations
 * as {@code 5m}); {@link io.warden.governance.export.MarkdownExport} renders the seed template's sections.
 */
package io.warden.governance.export;
