package io.andiag.speed.stream;

import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

import java.time.Duration;
import java.util.Locale;

/**
 * Where the topology's state lives locally. Both kinds are changelogged, so a restarted or moved task restores its
 * state either way; RocksDB (the default) keeps it off-heap and restores from the local checkpoint, in-memory keeps
 * it on the heap and restores it from the changelog at every start. One setting for every store of the topology (the
 * DSL's window store included), so the kind never differs between stores.
 */
public enum StoreKind {
    ROCKSDB,
    IN_MEMORY;

    /** The setting value: {@code rocksdb} or {@code in_memory}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StoreKind fromConfig(String value) {
        for (StoreKind k : values()) {
            if (k.configName().equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("state store kind must be rocksdb or in_memory, got '" + value + "'");
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return this == ROCKSDB ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    public WindowBytesStoreSupplier window(String name, Duration retention, Duration size) {
        return this == ROCKSDB ? Stores.persistentWindowStore(name, retention, size, false)
                : Stores.inMemoryWindowStore(name, retention, size, false);
    }

    public DslStoreSuppliers dsl() {
        return this == ROCKSDB ? BuiltInDslStoreSuppliers.ROCKS_DB : BuiltInDslStoreSuppliers.IN_MEMORY;
    }
}
