/**
 * Assessments in and out: {@link io.warden.governance.export.AssessmentCodec} reads YAML or JSON files
 * (unknown fields refused with path and line) and writes JSON (camelCase, ISO-8601 instants, durations
 * as {@code 5m}); {@link io.warden.governance.export.MarkdownExport} renders the seed template's sections.
 */
package io.warden.governance.export;
