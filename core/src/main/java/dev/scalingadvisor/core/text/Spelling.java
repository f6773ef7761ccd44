package dev.scalingadvisor.core.text;

import java.util.Locale;

/**
 * The one spelling of an enum constant everywhere people or tools read it (configuration, messages, JSON,
 * the decision history, log lines and metric label values): lower case, words joined by hyphens,
 * {@code SAVEPOINT_REDEPLOY} → {@code savepoint-redeploy}. Metric label values keep the hyphen (Prometheus
 * allows any text there); only metric and label <em>names</em> use underscores, and they are written out.
 */
public final class Spelling {

    private Spelling() {}

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
