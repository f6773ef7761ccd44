package dev.scalingadvisor.actions.rescale.request;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A time when no rescale may start, as a Quartz cron expression matched at second resolution:
 * {@code * * 9-17 ? * MON-FRI} excludes every second of office hours.
 */
public record ExcludedPeriod(String cron, ZoneId zone) {

    public ExcludedPeriod {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: \"" + cron + "\": " + e.getMessage());
        }
    }

    public boolean contains(Instant instant) {
        try {
            // CronExpression is mutable and not thread-safe, so each check builds its own.
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression.isSatisfiedBy(Date.from(instant));
        } catch (ParseException e) {
            throw new IllegalStateException("validated cron expression no longer parses: " + cron, e);
        }
    }
}
