package io.warden.governance.matrix;

/** The template's four categories of risk, in the order the Markdown export shows them. */
public enum RiskCategory {
    TECHNICAL, SECURITY, PERFORMANCE, OPERATIONAL;

    /** The heading word, {@code Technical}. */
    public String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
