package dev.scalingadvisor.alerting.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.FiredRule;
import dev.scalingadvisor.alerting.GuardResult;
import dev.scalingadvisor.alerting.PolicyStep;
import dev.scalingadvisor.alerting.RescaleStep;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import java.time.Duration;
import java.util.Optional;

/**
 * The generic webhook's JSON body, version {@value #VERSION}: the Standard Webhooks envelope
 * ({@code type}, {@code timestamp}, {@code data}) plus a {@code version}. Every key is always present
 * ({@code null} or {@code []} when empty). Documented in {@code docs/webhook.md}; its JSON Schema is
 * {@code docs/webhook-payload.schema.json}. A change that could break a receiver gets a new version.
 */
public final class WebhookPayload {

    public static final int VERSION = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WebhookPayload() {}

    public static ObjectNode of(Event event) {
        ObjectNode payload = JSON.objectNode();
        payload.put("version", VERSION);
        payload.put("type", event.kind().spelling());
        payload.put("timestamp", event.at().toString());
        ObjectNode data = payload.putObject("data");
        data.put("id", event.id());
        data.put("summary", EventText.summary(event));
        data.put("cluster", event.clusterSpelling());
        data.putObject("job").put("id", event.jobId().value()).put("name", event.jobName());
        data.put("direction", event.direction().spelling());
        // Schema version 1 says current/target; the record says from/to: this is the one place they meet.
        event.changes()
                .ifPresentOrElse(
                        changes -> {
                            ObjectNode parallelism = data.putObject("parallelism")
                                    .put("current", changes.headline().from())
                                    .put("target", changes.headline().to());
                            ArrayNode vertices = parallelism.putArray("vertices");
                            for (ParallelismChange v : changes.vertices()) {
                                vertices.addObject()
                                        .put("id", v.vertex().value())
                                        .put("name", v.name())
                                        .put("current", v.from())
                                        .put("target", v.to());
                            }
                        },
                        () -> data.putNull("parallelism"));
        ArrayNode rules = data.putArray("rules");
        for (FiredRule r : event.rules()) {
            ObjectNode rule = rules.addObject().put("name", r.name());
            putOptional(rule, "vertex", r.vertex());
            rule.put("value", r.value())
                    .put("comparison", r.comparison().operator())
                    .put("threshold", r.threshold());
            putOptional(rule, "unit", r.unit());
            putSeconds(rule, "heldForSeconds", r.heldFor());
            putOptional(rule, "expression", r.expression());
            putOptional(rule, "graphUrl", r.graphUrl().map(Object::toString));
        }
        ArrayNode policy = data.putArray("policy");
        for (PolicyStep s : event.policy()) {
            policy.addObject()
                    .put("step", s.step())
                    .put("parallelism", s.parallelism())
                    .put("detail", s.detail());
        }
        ArrayNode guards = data.putArray("guards");
        for (GuardResult g : event.guards()) {
            guards.addObject().put("name", g.name()).put("passed", g.passed()).put("reason", g.reason());
        }
        putOptional(data, "finding", event.finding());
        ArrayNode steps = data.putArray("steps");
        for (RescaleStep s : event.steps()) {
            ObjectNode step = steps.addObject().put("name", s.name());
            putSeconds(step, "seconds", s.took());
            step.put("succeeded", s.succeeded());
            putOptional(step, "detail", s.detail());
        }
        ObjectNode links = data.putObject("links");
        putOptional(links, "flinkJob", event.flinkJobUrl().map(Object::toString));
        data.put("dedupKey", event.dedupKey());
        return payload;
    }

    private static void putOptional(ObjectNode node, String key, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(key, v), () -> node.putNull(key));
    }

    /** Whole seconds as an integer, otherwise to the millisecond. */
    private static void putSeconds(ObjectNode node, String key, Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            node.put(key, millis / 1000);
        } else {
            node.put(key, millis / 1000.0);
        }
    }
}
