package dev.scalingadvisor.core.http;

import dev.scalingadvisor.core.secret.Secret;
import java.util.Objects;

/** How the advisor authenticates to an HTTP API it calls (Prometheus, Flink REST). */
public sealed interface HttpAuth {

    /** No credentials. */
    record None() implements HttpAuth {}

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(Secret token) implements HttpAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }
    }

    /** HTTP basic authentication. */
    record Basic(String username, Secret password) implements HttpAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    static HttpAuth none() {
        return new None();
    }
}
