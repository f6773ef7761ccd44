package dev.scalingadvisor.alerting;

/** How a rule compared its value with its threshold, shown as the PromQL operator. */
public enum Comparison {
    ABOVE(">"),
    AT_LEAST(">="),
    BELOW("<"),
    AT_MOST("<=");

    private final String operator;

    Comparison(String operator) {
        this.operator = operator;
    }

    /** {@code >}, {@code >=}, {@code <} or {@code <=}. */
    public String operator() {
        return operator;
    }
}
