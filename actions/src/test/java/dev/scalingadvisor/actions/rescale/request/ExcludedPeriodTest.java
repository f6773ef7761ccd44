package dev.scalingadvisor.actions.rescale.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExcludedPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsACronExpressionInItsTimeZone() {
        ExcludedPeriod officeHours = new ExcludedPeriod("* * 9-17 ? * MON-FRI", BERLIN);

        // Monday 2025-03-03: 08:30 UTC is 09:30 in Berlin (CET, UTC+1)
        assertThat(officeHours.contains(Instant.parse("2025-03-03T08:30:00Z"))).isTrue();
        assertThat(officeHours.contains(Instant.parse("2025-03-03T07:30:00Z"))).isFalse();
        assertThat(officeHours.inZone(ZoneOffset.UTC).contains(Instant.parse("2025-03-03T08:30:00Z")))
                .isFalse();
    }

    @Test
    void aDailyRangeRunsFromItsStartIncludedToItsEndExcludedWithMinutes() {
        ExcludedPeriod batch = new ExcludedPeriod("09:30-10:50", ZoneOffset.UTC);

        assertThat(batch.contains(Instant.parse("2025-03-03T09:29:59Z"))).isFalse();
        assertThat(batch.contains(Instant.parse("2025-03-03T09:30:00Z"))).isTrue();
        assertThat(batch.contains(Instant.parse("2025-03-03T10:49:59Z"))).isTrue();
        assertThat(batch.contains(Instant.parse("2025-03-03T10:50:00Z"))).isFalse();
    }

    @Test
    void aDailyRangeInSummerTimeFollowsTheClockOfItsZone() {
        ExcludedPeriod morning = new ExcludedPeriod("06:00-08:00", BERLIN);

        // July: Berlin is UTC+2, so 06:00-08:00 local is 04:00-06:00 UTC
        assertThat(morning.contains(Instant.parse("2025-07-01T04:30:00Z"))).isTrue();
        assertThat(morning.contains(Instant.parse("2025-07-01T06:30:00Z"))).isFalse();
    }

    @Test
    void aRangePastMidnightWithDaysBelongsToTheDayItStarts() {
        ExcludedPeriod fridayNight = new ExcludedPeriod("22:00-02:00 && * * * ? * FRI", ZoneOffset.UTC);

        assertThat(fridayNight.contains(Instant.parse("2025-03-07T23:00:00Z")))
                .as("Friday 23:00")
                .isTrue();
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T01:30:00Z")))
                .as("Saturday 01:30")
                .isTrue();
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T02:00:00Z")))
                .as("Saturday 02:00")
                .isFalse();
        assertThat(fridayNight.contains(Instant.parse("2025-03-07T01:30:00Z")))
                .as("Friday 01:30")
                .isFalse();
        assertThat(fridayNight.contains(Instant.parse("2025-03-08T23:00:00Z")))
                .as("Saturday 23:00")
                .isFalse();
    }

    @Test
    void takesTheOperatorsOrderToo() {
        ExcludedPeriod mondays = new ExcludedPeriod("* * * ? * MON && 9:30:30-10:50:20", ZoneOffset.UTC);

        assertThat(mondays.contains(Instant.parse("2025-03-03T09:30:30Z"))).isTrue();
        assertThat(mondays.contains(Instant.parse("2025-03-04T09:30:30Z")))
                .as("a Tuesday")
                .isFalse();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> new ExcludedPeriod("every monday", ZoneOffset.UTC))
                .hasMessageStartingWith(
                        "not a Quartz cron expression or a daily time range (09:30-17:00): \"every" + " monday\"");
        assertThatThrownBy(() -> new ExcludedPeriod("25:00-26:00", ZoneOffset.UTC))
                .hasMessageStartingWith("not a daily time range: \"25:00-26:00\"");
        assertThatThrownBy(() -> new ExcludedPeriod("10:00-10:00", ZoneOffset.UTC))
                .hasMessageStartingWith("a daily time range needs an end other than its start");
        assertThatThrownBy(() -> new ExcludedPeriod("09:00-10:00 && 11:00-12:00", ZoneOffset.UTC))
                .hasMessageStartingWith("two daily time ranges");
    }
}
