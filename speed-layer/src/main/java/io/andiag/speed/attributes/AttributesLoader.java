package io.andiag.speed.attributes;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.record.IpAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an {@link IpDirectory} on the newest complete {@code ip_attributes} partition of the lake. A partition that
 * fails to read is logged and skipped; the directory keeps the snapshot it had.
 */
public final class AttributesLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AttributesLoader.class);

    private final Path lake;
    private final IpDirectory directory;
    private LocalDate loaded;

    public AttributesLoader(Path lake, IpDirectory directory) {
        this.lake = lake;
        this.directory = directory;
    }

    /** Loads the newest complete partition if it is newer than the one in service; true when it replaced it. */
    public synchronized boolean refresh() {
        List<LocalDate> days = LakeLayout.partitions(lake, LakeLayout.IP_ATTRIBUTES, true);
        Optional<LocalDate> newest = days.isEmpty() ? Optional.empty() : Optional.of(days.get(days.size() - 1));
        if (newest.isEmpty() || newest.get().equals(loaded)) {
            if (newest.isEmpty() && loaded == null) {
                LOG.warn("no complete ip_attributes partition under {}: every IP counts in region '{}'", lake, directory.defaultRegion());
            }
            return false;
        }
        Path partition = LakeLayout.partitionDir(lake, LakeLayout.IP_ATTRIBUTES, newest.get());
        try {
            Map<String, IpAttributes> byIp = new HashMap<>();
            for (IpAttributes a : LakeReaders.readIpAttributes(partition)) {
                byIp.put(a.ip(), a);
            }
            directory.replace(byIp, partition.toString());
            loaded = newest.get();
            LOG.info("ip attributes: {} addresses from {}", byIp.size(), partition);
            return true;
        } catch (RuntimeException e) {
            LOG.error("cannot read ip attributes from {}; keeping {}", partition, directory.source(), e);
            return false;
        }
    }
}
