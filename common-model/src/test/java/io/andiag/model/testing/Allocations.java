package io.andiag.model.testing;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, via the HotSpot extension of ThreadMXBean (-1 when unsupported). */
public final class Allocations {

    private Allocations() {
    }

    public static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
