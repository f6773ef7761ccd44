package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.text.Spelling;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the REST clients of the Flink clusters the advisor talks to, with one circuit breaker per cluster
 * name that outlives configuration reloads, and exports their state:
 * {@code scaling_advisor_flink_circuit_breaker_state{cluster,state}} (1 for the current state) and
 * {@code scaling_advisor_flink_requests_total{cluster,outcome}}.
 */
public final class FlinkClusters {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkClusters.class);

    /** How long an open breaker refuses calls before it lets trial calls through. */
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    /** How long a half-open breaker waits for its trial calls to report back before it opens again. */
    private static final Duration TRIAL_CALLS_WITHIN = Duration.ofSeconds(60);

    /**
     * The breaker opens when half of the last 10 calls (at least 5) failed: unreachable, timed out, 5xx or
     * unreadable. Flink refusing a request (4xx) is an answer, not a sick cluster. After 30 s open, two trial
     * calls decide whether it closes again.
     */
    public static final CircuitBreakerConfig DEFAULT_BREAKER = breakerConfig(OPEN_FOR, TRIAL_CALLS_WITHIN);

    /**
     * The default breaker with other waits. Both waits are kept by resilience4j's scheduler (a daemon thread), not
     * by the next call: open turns half-open when the wait is over whether or not a call comes, so the state the
     * rescale guard and the metric read is never older than the wait; and a half-open breaker whose trial calls
     * have not all reported back within {@code trialCallsWithin} opens again, so one lost trial call cannot keep
     * every later call refused. A breaker stuck open for minutes after Flink was back was seen once, in FailuresIT.
     */
    static CircuitBreakerConfig breakerConfig(Duration openFor, Duration trialCallsWithin) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(2)
                .maxWaitDurationInHalfOpenState(trialCallsWithin)
                .recordException(FlinkClusters::isClusterFailure)
                .build();
    }

    private final Clock clock;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<FlinkClusterSettings, FlinkRestClient> clients = new ConcurrentHashMap<>();
    private final Counter requests;

    public FlinkClusters(PrometheusRegistry registry, Clock clock) {
        this(registry, clock, DEFAULT_BREAKER);
    }

    public FlinkClusters(PrometheusRegistry registry, Clock clock, CircuitBreakerConfig breakerConfig) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.breakerConfig = Objects.requireNonNull(breakerConfig, "breakerConfig");
        this.requests = Counter.builder()
                .name("scaling_advisor_flink_requests_total")
                .help(
                        "Flink REST calls by cluster and outcome (ok, refused, failed, unreachable, malformed, not_permitted).")
                .labelNames("cluster", "outcome")
                .register(registry);
        // Read at scrape time, so the metric cannot disagree with the breaker.
        GaugeWithCallback.builder()
                .name("scaling_advisor_flink_circuit_breaker_state")
                .help(
                        "State of the circuit breaker in front of each Flink cluster's REST API: 1 for the current state.")
                .labelNames("cluster", "state")
                .callback(this::reportBreakerStates)
                .register(registry);
    }

    /**
     * The client for {@code cluster}: the same one for equal settings (each holds an HTTP connection pool), a new one
     * when a reload changed them; clients for the same cluster name share one circuit breaker either way.
     */
    public FlinkRestClient client(FlinkClusterSettings cluster) {
        return clients.computeIfAbsent(
                cluster, c -> new FlinkRestClient(c, breaker(c.name().value()), this::countRequest));
    }

    /** The circuit breaker of the cluster called {@code name}. */
    public CircuitBreaker breaker(String name) {
        return breakers.computeIfAbsent(name, this::newBreaker);
    }

    private CircuitBreaker newBreaker(String cluster) {
        // The state machine is built with our clock (the registry API cannot take one) so tests can move time.
        CircuitBreaker breaker = new CircuitBreakerStateMachine("flink-" + cluster, breakerConfig, clock);
        // The last failure it counted, for the line that says why it opened.
        AtomicReference<String> lastFailure = new AtomicReference<>("none");
        breaker.getEventPublisher()
                .onError(event -> lastFailure.set(event.getThrowable().getMessage()))
                .onStateTransition(event -> logTransition(cluster, event.getStateTransition(), breaker, lastFailure));
        return breaker;
    }

    /**
     * An operator reading the log sees when the advisor stopped calling a cluster, why, and when it called it again.
     */
    private static void logTransition(
            String cluster, StateTransition transition, CircuitBreaker breaker, AtomicReference<String> lastFailure) {
        CircuitBreaker.State to = transition.getToState();
        if (to == CircuitBreaker.State.OPEN) {
            // The open state keeps the counts that opened it.
            LOG.warn(
                    "flink cluster={} circuit_breaker=open from={} failure_rate={}% calls={} last_failure=\"{}\""
                            + " next=\"no calls to this cluster until the wait is over, then trial calls\"",
                    cluster,
                    Spelling.of(transition.getFromState()),
                    breaker.getMetrics().getFailureRate(),
                    breaker.getMetrics().getNumberOfBufferedCalls(),
                    lastFailure.get());
        } else {
            LOG.info(
                    "flink cluster={} circuit_breaker={} from={}",
                    cluster,
                    Spelling.of(to),
                    Spelling.of(transition.getFromState()));
        }
    }

    private void countRequest(String cluster, String outcome) {
        requests.labelValues(cluster, outcome).inc();
    }

    private void reportBreakerStates(GaugeWithCallback.Callback callback) {
        breakers.forEach((cluster, breaker) -> {
            CircuitBreaker.State current = breaker.getState();
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                callback.call(state == current ? 1 : 0, cluster, Spelling.of(state));
            }
        });
    }

    static boolean isClusterFailure(Throwable error) {
        return error instanceof FlinkRestException flink
                && !(flink instanceof FlinkRestException.CircuitOpen)
                && flink.isTransient();
    }
}
