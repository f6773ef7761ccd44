package dev.scalingadvisor.testbed.e2e.advisor;

import java.util.Locale;

/** What the advisor does with a decision, as the configuration's {@code mode:} spells it. */
public enum AdvisorMode {
    OBSERVE,
    RECOMMEND,
    ACT;

    public String yaml() {
        return name().toLowerCase(Locale.ROOT);
    }
}
