package dev.scalingadvisor.testbed.kafka;

import java.nio.ByteBuffer;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;

/**
 * Produces records into a topic of the testbed's broker at a rate the test sets and may change at any time
 * (including to 0), with keys drawn from a {@link KeyDistribution}. Each record's key is an int (4 bytes, big
 * endian); its value is {@code valueBytes} long and starts with the record's sequence number (a big-endian long:
 * 0, 1, 2 … in the order sent). The size matters: the Kafka consumer fetches up to 1 MB per partition at a time,
 * and with tiny records one fetch swallows a whole backlog, which the consumer's lag metrics then miss.
 *
 * <p>Idempotent with {@code acks=all}: every record acknowledged is in the topic exactly once, so what a job read
 * can be checked against {@link #acknowledged()}.
 */
public final class TopicProducer implements AutoCloseable {

    /** Small steps keep the stream smooth: a burst every 100 ms showed as backpressure in the load job. */
    private static final long SEND_EVERY_MS = 10;

    private final String topic;
    /** Bytes of each record's value: a realistic small event, not the 8 bytes of its sequence number alone. */
    public static final int DEFAULT_VALUE_BYTES = 256;

    private final KafkaProducer<Integer, byte[]> producer;
    private final int valueBytes;
    private final KeyDistribution.Keys keys;
    private final ScheduledExecutorService sender;
    private final AtomicLong acknowledged = new AtomicLong();
    /** Held while a batch is handed to the Kafka producer, so that {@link #flush} never sees half a batch. */
    private final Object sending = new Object();

    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private double recordsPerSecond;
    private double markAtRateChange;
    private long rateChangedAtNanos;
    private long sent;

    private TopicProducer(KafkaBroker broker, String topic, KeyDistribution distribution, int valueBytes) {
        if (valueBytes < Long.BYTES) {
            throw new IllegalArgumentException("a value holds at least the 8-byte sequence number, not " + valueBytes);
        }
        this.topic = topic;
        this.valueBytes = valueBytes;
        this.keys = distribution.newSequence();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "testbed-producer-" + topic);
        this.producer = new KafkaProducer<>(config, new IntegerSerializer(), new ByteArraySerializer());
        this.rateChangedAtNanos = System.nanoTime();
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "topic-producer-" + topic);
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleAtFixedRate(this::sendDue, SEND_EVERY_MS, SEND_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** A producer into {@code topic} (which must exist) at rate 0, values of {@value #DEFAULT_VALUE_BYTES} bytes. */
    public static TopicProducer start(KafkaBroker broker, String topic, KeyDistribution keys) {
        return start(broker, topic, keys, DEFAULT_VALUE_BYTES);
    }

    /** A producer into {@code topic} (which must exist) at rate 0, values of {@code valueBytes} bytes. */
    public static TopicProducer start(KafkaBroker broker, String topic, KeyDistribution keys, int valueBytes) {
        return new TopicProducer(broker, topic, keys, valueBytes);
    }

    /** The sequence number a value produced here starts with. */
    public static long sequenceOf(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
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

    /**
     * Waits until everything sent so far is acknowledged (or failed). Kafka's own flush() returns when the sends
     * are complete, a moment before their callbacks have counted them, so this also waits for the counts.
     */
    public void flush() {
        long target;
        synchronized (sending) {
            // The sender may be halfway through a batch, or behind the rate: everything due by now is sent first,
            // so that at rate 0 nothing more is sent after this returns
            sendDue();
            target = sent();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            producer.flush();
            if (acknowledged() + failed() >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sends of " + this + " were not acknowledged within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while flushing " + this, e);
            }
        }
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
        synchronized (sending) {
            sendDueNow();
        }
    }

    private void sendDueNow() {
        long due;
        synchronized (this) {
            due = (long) Math.floor(markAt(System.nanoTime())) - sent;
        }
        for (long i = 0; i < due; i++) {
            long sequence;
            synchronized (this) {
                sequence = sent++;
            }
            byte[] value = ByteBuffer.allocate(valueBytes).putLong(sequence).array();
            producer.send(new ProducerRecord<>(topic, keys.next(), value), (metadata, exception) -> {
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
