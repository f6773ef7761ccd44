package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.yaml.ValueParser;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * A time when no rescale may start, read in the zone of {@code rescale.timeZone}: a Quartz cron expression matched
 * at second resolution ({@code * * 9-17 ? * MON-FRI} excludes every second of office hours), a daily time range
 * ({@code 22:30-01:15}: from its start, included, to its end, excluded; past midnight when the end is earlier), or
 * both joined by {@code &&} as in the Flink operator's {@code job.autoscaler.excluded.periods}
 * ({@code 09:30-10:50 && * * * ? * MON,THU}: the range on the days the cron expression matches).
 */
public record ExcludedPeriod(String expression, ZoneId zone) {

    private static final Pattern DAILY_RANGE =
            Pattern.compile("(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*-\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

    public ExcludedPeriod {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        parts(expression);
    }

    /**
     * How an excluded period is written in the configuration. The zone it is read in is the settings' own
     * {@code rescale.timeZone}: {@link RescaleSettings} moves each period into it.
     */
    public static ValueParser<ExcludedPeriod> parser() {
        return ValueParser.described(
                "Quartz cron expression, daily time range (09:30-10:50) or both joined by &&",
                ExcludedPeriod::expression,
                text -> new ExcludedPeriod(text, ZoneOffset.UTC));
    }

    /** The same period read in another zone (a job that overrides {@code rescale.timeZone} only). */
    public ExcludedPeriod inZone(ZoneId other) {
        return new ExcludedPeriod(expression, other);
    }

    public boolean contains(Instant instant) {
        Parts parts = parts(expression);
        if (parts.range().isEmpty()) {
            return matches(parts.cron().orElseThrow(), instant);
        }
        DailyRange range = parts.range().get();
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!range.contains(time)) {
            return false;
        }
        // Past midnight, a range belongs to the day it started on: "22:00-02:00 && * * * ? * FRI" is Friday night,
        // Saturday 01:00 included.
        ZonedDateTime day = range.crossesMidnight() && time.isBefore(range.end()) ? local.minusDays(1) : local;
        return parts.cron().map(cron -> matches(cron, day.toInstant())).orElse(true);
    }

    private boolean matches(String cron, Instant instant) {
        try {
            // CronExpression is mutable and not thread-safe, so each check builds its own.
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression.isSatisfiedBy(Date.from(instant));
        } catch (ParseException e) {
            throw new IllegalStateException("validated cron expression no longer parses: " + cron, e);
        }
    }

    private static Parts parts(String expression) {
        Optional<DailyRange> range = Optional.empty();
        Optional<String> cron = Optional.empty();
        String[] pieces = expression.split("&&", -1);
        if (pieces.length > 2) {
            throw new IllegalArgumentException(
                    "at most one daily time range and one cron expression, joined by &&: \"" + expression + "\"");
        }
        for (String piece : pieces) {
            String part = piece.strip();
            Matcher daily = DAILY_RANGE.matcher(part);
            if (daily.matches()) {
                if (range.isPresent()) {
                    throw new IllegalArgumentException("two daily time ranges in \"" + expression + "\"");
                }
                range = Optional.of(DailyRange.of(daily.group(1), daily.group(2), part));
            } else {
                if (cron.isPresent()) {
                    throw new IllegalArgumentException("two cron expressions in \"" + expression + "\"");
                }
                try {
                    CronExpression.validateExpression(part);
                } catch (ParseException e) {
                    throw new IllegalArgumentException(
                            "not a Quartz cron expression or a daily time range (09:30-17:00):" + " \"" + part + "\": "
                                    + e.getMessage());
                }
                cron = Optional.of(part);
            }
        }
        return new Parts(range, cron);
    }

    private record Parts(Optional<DailyRange> range, Optional<String> cron) {}

    /** From {@code start} (included) to {@code end} (excluded), past midnight when {@code end} is earlier. */
    private record DailyRange(LocalTime start, LocalTime end) {

        static DailyRange of(String start, String end, String text) {
            try {
                DailyRange range = new DailyRange(LocalTime.parse(start, TIME), LocalTime.parse(end, TIME));
                if (range.start().equals(range.end())) {
                    throw new IllegalArgumentException("a daily time range needs an end other than its start: \"" + text
                            + "\" (for the whole day, use the cron expression * * * ? * *)");
                }
                return range;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a daily time range: \"" + text + "\": " + e.getMessage());
            }
        }

        boolean crossesMidnight() {
            return end.isBefore(start);
        }

        boolean contains(LocalTime time) {
            return crossesMidnight()
                    ? !time.isBefore(start) || time.isBefore(end)
                    : !time.isBefore(start) && time.isBefore(end);
        }
    }
}
