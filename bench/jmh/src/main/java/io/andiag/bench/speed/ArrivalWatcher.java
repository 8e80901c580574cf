package io.andiag.bench.speed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one output topic of the speed layer ({@code read_committed}, from its end when started) and notes, per event
 * minute, the wall time each record arrived, and how many records of each kind it saw.
 */
final class ArrivalWatcher implements Runnable {

    /** What a record says: the event minute it describes and its kind (e.g. an alert's status), or null if unreadable. */
    interface Reader {
        Arrival read(byte[] value);
    }

    record Arrival(long minute, String kind) {
    }

    private final String topic;
    private final Reader reader;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<Long, List<Long>> receivedByMinute = new ConcurrentHashMap<>();
    private final Map<String, Long> kinds = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean assigned;
    private long unreadable;

    ArrivalWatcher(String bootstrap, String topic, Reader reader) {
        this.topic = topic;
        this.reader = reader;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p);
    }

    Thread start() throws InterruptedException {
        Thread t = new Thread(this, topic + "-watcher");
        t.start();
        while (!assigned && t.isAlive()) {
            Thread.sleep(50);
        }
        if (!assigned) {
            throw new IllegalStateException("could not read " + topic);
        }
        return t;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            assigned = true;
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long at = System.currentTimeMillis();
                    Arrival a = reader.read(r.value());
                    if (a == null) {
                        unreadable++;
                        continue;
                    }
                    receivedByMinute.computeIfAbsent(a.minute(), m -> new ArrayList<>()).add(at);
                    synchronized (kinds) {
                        kinds.merge(a.kind(), 1L, Long::sum);
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    void stop() {
        running.set(false);
    }

    /** Records received. */
    long received() {
        return receivedByMinute.values().stream().mapToLong(List::size).sum();
    }

    long unreadable() {
        return unreadable;
    }

    /** Records per kind, e.g. {OPEN=1, UPDATE=4}. */
    Map<String, Long> kinds() {
        synchronized (kinds) {
            return new TreeMap<>(kinds);
        }
    }

    /** Arrival minus close time of each record whose minute has a close time, sorted (ms). */
    List<Long> latencies(Map<Long, Long> closedAt) {
        List<Long> out = new ArrayList<>();
        receivedByMinute.forEach((minute, arrivals) -> {
            Long closed = closedAt.get(minute);
            if (closed != null) {
                arrivals.forEach(at -> out.add(at - closed));
            }
        });
        out.sort(null);
        return out;
    }
}
