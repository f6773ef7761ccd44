package dev.scalingadvisor.core.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How a measured value is written for people: as many digits as mean something, no exponent. */
public final class ValueText {

    private ValueText() {}

    /** {@code 952}, {@code 12.5}, {@code 0.831}, {@code NaN}, {@code +Inf}. */
    public static String of(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        double magnitude = Math.abs(value);
        BigDecimal rounded;
        if (magnitude >= 100) {
            rounded = BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP);
        } else if (magnitude >= 10) {
            rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
        } else {
            rounded = BigDecimal.valueOf(value).round(new MathContext(3, RoundingMode.HALF_UP));
        }
        String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
