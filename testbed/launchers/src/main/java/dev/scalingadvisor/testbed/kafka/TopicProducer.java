package dev.scalingadvisor.testbed.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;

/**
 * Produces records into a topic of the testbed's broker at a rate the test sets and may change at any time
 * (including to 0), with keys drawn from a {@link KeyDistribution}. Each record's key is an int (4 bytes, big
 * endian) and its value the record's sequence number (a long): 0, 1, 2 … in the order sent.
 *
 * <p>Idempotent with {@code acks=all}: every record acknowledged is in the topic exactly once, so what a job read
 * can be checked against {@link #acknowledged()}.
 */
public final class TopicProducer implements AutoCloseable {

    /** Small steps keep the stream smooth: a burst every 100 ms showed as backpressure in the load job. */
    private static final long SEND_EVERY_MS = 10;

    private final String topic;
    private final KafkaProducer<Integer, Long> producer;
    private final KeyDistribution.Keys keys;
    private final ScheduledExecutorService sender;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private double recordsPerSecond;
    private double markAtRateChange;
    private long rateChangedAtNanos;
    private long sent;

    private TopicProducer(KafkaBroker broker, String topic, KeyDistribution distribution) {
        this.topic = topic;
        this.keys = distribution.newSequence();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "testbed-producer-" + topic);
        this.producer = new KafkaProducer<>(config, new IntegerSerializer(), new LongSerializer());
        this.rateChangedAtNanos = System.nanoTime();
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "topic-producer-" + topic);
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleAtFixedRate(this::sendDue, SEND_EVERY_MS, SEND_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** A producer into {@code topic} (which must exist) at rate 0. */
    public static TopicProducer start(KafkaBroker broker, String topic, KeyDistribution keys) {
        return new TopicProducer(broker, topic, keys);
    }

    /** Changes the offered rate from now on; records sent so far stay sent. */
    public synchronized void setRate(double recordsPerSecond) {
        if (!(recordsPerSecond >= 0) || Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a finite number of records per second >= 0, not " + recordsPerSecond);
        }
        long now = System.nanoTime();
        markAtRateChange = markAt(now);
        rateChangedAtNanos = now;
        this.recordsPerSecond = recordsPerSecond;
    }

    public synchronized double rate() {
        return recordsPerSecond;
    }

    public String topic() {
        return topic;
    }

    /** Records handed to the Kafka producer so far (some may not be acknowledged yet). */
    public synchronized long sent() {
        return sent;
    }

    /** Records the broker has acknowledged: they are in the topic. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Records the broker refused or that timed out; any is a broken testbed, see {@link #lastFailure()}. */
    public long failed() {
        return failed.get();
    }

    public Exception lastFailure() {
        return lastFailure.get();
    }

    /** Waits until everything sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    /** Stops sending, waits up to 10 s for outstanding acknowledgements and closes the Kafka producer. */
    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private void sendDue() {
        long due;
        synchronized (this) {
            due = (long) Math.floor(markAt(System.nanoTime())) - sent;
        }
        for (long i = 0; i < due; i++) {
            long sequence;
            synchronized (this) {
                sequence = sent++;
            }
            producer.send(new ProducerRecord<>(topic, keys.next(), sequence), (metadata, exception) -> {
                if (exception == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    lastFailure.set(exception);
                }
            });
        }
    }

    private double markAt(long nanos) {
        return markAtRateChange + recordsPerSecond * (nanos - rateChangedAtNanos) / 1e9;
    }

    @Override
    public String toString() {
        return "TopicProducer[" + topic + ", " + rate() + "/s, sent " + sent() + ", acknowledged " + acknowledged()
                + ", failed " + failed() + "]";
    }
}
