package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.rules.decision.IneffectiveScaleUpSettings;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.time.Duration;
import java.util.List;

/** The named, seeded scenarios of the decision-quality scoreboard (docs/decision-quality.md). */
final class Scenarios {

    /** The probe job's operator on the testbed host: about 198,000 records/s per subtask (FLINK-NOTES). */
    static final double PROBE_RECORDS_PER_SUBTASK = 198_000;
    /** A Kafka job's operator: 1,000 records/s per subtask, on a host that is not the limit. */
    static final double KAFKA_RECORDS_PER_SUBTASK = 1_000;

    private Scenarios() {}

    static List<Scenario> all() {
        return List.of(
                saturatedHost(),
                saturatedHostObserved(),
                surgeAndCalm(),
                steadyNoisy(),
                shortSpike(),
                metricsGapDuringSurge(),
                diurnal());
    }

    /**
     * The testbed's saturated host: one TaskManager with 4 slots on 2 cores, the CPU-heavy operator fed as fast as
     * it can. Right: one scale-up to 2, then a cpu-saturated finding instead of scaling into the same cores.
     */
    static Scenario saturatedHost() {
        return new Scenario(
                "saturated-host",
                "2-core host, 4 slots, source as fast as it can, from p=1, act mode",
                16_01,
                Duration.ofMinutes(90),
                Host.TWO_CORES,
                PROBE_RECORDS_PER_SUBTASK,
                1,
                Scenario.Source.AS_FAST_AS_IT_CAN,
                LoadProfile.steady(0),
                1,
                List.of(),
                Mode.ACT,
                2,
                1,
                ScalingSettings.DEFAULTS);
    }

    /** The same host watched in observe mode at p=2: the finding is told once and nothing flips. */
    static Scenario saturatedHostObserved() {
        return new Scenario(
                "saturated-host-observe",
                "2-core host at p=2 (CPU 0.96 with noisy dips below 0.9), observe mode, 6 h",
                16_02,
                Duration.ofHours(6),
                Host.TWO_CORES,
                PROBE_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.AS_FAST_AS_IT_CAN,
                LoadProfile.steady(0),
                1,
                List.of(),
                Mode.OBSERVE,
                2,
                0,
                ScalingSettings.DEFAULTS);
    }

    /** Scenarios run with settings as they were before a change, to show on the scoreboard what the change bought. */
    static List<Scenario> comparisons() {
        return List.of(saturatedHostObservedWithoutGuardHysteresis());
    }

    /**
     * The observed saturated host with the CPU-saturated guard as it was before it had hysteresis (it cleared at the
     * first reading below 0.9): how the scoreboard read before the guard's clear level and hold time.
     */
    static Scenario saturatedHostObservedWithoutGuardHysteresis() {
        IneffectiveScaleUpSettings i = ScalingSettings.DEFAULTS.ineffectiveScaleUp();
        ScalingSettings noHysteresis = ScalingSettings.DEFAULTS.with(
                ScalingSettings.INEFFECTIVE_SCALE_UP,
                new IneffectiveScaleUpSettings(
                        i.minGainRatio(), i.blockFor(), i.saturatedCpuLoad(), i.saturatedCpuLoad(), Duration.ZERO));
        Scenario observed = saturatedHostObserved();
        return observed.with(
                observed.name() + "-no-guard-hysteresis",
                observed.story() + "; the saturated-CPU guard clears at the first reading below 0.9",
                noHysteresis);
    }

    /** Kafka job at p=2: 1,200 records/s, a surge to 3,500 for 90 minutes, then a calm 300 for 4 hours. */
    static Scenario surgeAndCalm() {
        LoadProfile load = since -> since.compareTo(Duration.ofMinutes(30)) < 0
                ? 1_200
                : since.compareTo(Duration.ofMinutes(120)) < 0 ? 3_500 : 300;
        return new Scenario(
                "surge-and-calm",
                "Kafka, 8 cores, p=2: 1,200 rec/s, 3,500 from 0:30 to 2:00, then 300 until 6:00, act mode",
                16_03,
                Duration.ofHours(6),
                Host.EIGHT_CORES,
                KAFKA_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.KAFKA,
                load.withNoise(16_03, 0.05),
                1,
                List.of(),
                Mode.ACT,
                1,
                6,
                ScalingSettings.DEFAULTS);
    }

    /** Right-sized and noisy for 6 hours: nothing to do. */
    static Scenario steadyNoisy() {
        return new Scenario(
                "steady-noisy",
                "Kafka, 8 cores, p=2 at 1,300 rec/s ±10 % (busy ≈ 650 ms/s), act mode, 6 h",
                16_04,
                Duration.ofHours(6),
                Host.EIGHT_CORES,
                KAFKA_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.KAFKA,
                LoadProfile.steady(1_300).withNoise(16_04, 0.10),
                1,
                List.of(),
                Mode.ACT,
                2,
                0,
                ScalingSettings.DEFAULTS);
    }

    /** A 90-second burst the job absorbs in three minutes: shorter than the rules' {@code for}, no rescale. */
    static Scenario shortSpike() {
        return new Scenario(
                "short-spike",
                "Kafka, 8 cores, p=2 at 1,000 rec/s, 3,000 for 90 s at 0:30, act mode, 2 h",
                16_05,
                Duration.ofHours(2),
                Host.EIGHT_CORES,
                KAFKA_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.KAFKA,
                LoadProfile.spike(1_000, Duration.ofMinutes(30), Duration.ofSeconds(90), 3_000),
                1,
                List.of(),
                Mode.ACT,
                2,
                0,
                ScalingSettings.DEFAULTS);
    }

    /** The load triples while the job's metrics are missing for 25 minutes: nothing is decided blind. */
    static Scenario metricsGapDuringSurge() {
        return new Scenario(
                "metrics-gap",
                "Kafka, 8 cores, p=2: 1,000 rec/s, 3,000 from 0:20; metrics missing 0:20-0:45, act mode, 3 h",
                16_06,
                Duration.ofHours(3),
                Host.EIGHT_CORES,
                KAFKA_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.KAFKA,
                LoadProfile.step(1_000, Duration.ofMinutes(20), 3_000).withNoise(16_06, 0.05),
                1,
                List.of(new Scenario.Gap(Duration.ofMinutes(20), Duration.ofMinutes(25))),
                Mode.ACT,
                4,
                3,
                ScalingSettings.DEFAULTS);
    }

    /** A day: 500 records/s at midnight, 5,000 at noon. */
    static Scenario diurnal() {
        return new Scenario(
                "diurnal",
                "Kafka, 8 cores, p=2: 500 rec/s at midnight to 5,000 at noon (cosine, ±5 %), act mode, 24 h",
                16_07,
                Duration.ofHours(24),
                Host.EIGHT_CORES,
                KAFKA_RECORDS_PER_SUBTASK,
                2,
                Scenario.Source.KAFKA,
                LoadProfile.diurnal(500, 5_000).withNoise(16_07, 0.05),
                1,
                List.of(),
                Mode.ACT,
                1,
                16,
                ScalingSettings.DEFAULTS);
    }
}
