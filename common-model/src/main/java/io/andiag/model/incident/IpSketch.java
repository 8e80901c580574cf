package io.andiag.model.incident;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * A bounded summary of a set of abnormal IPs, to tell whether two minutes are hurting the same containers: a
 * bottom-k sketch (the {@code k} smallest 64-bit hashes of the distinct IPs, plus their count). Exact while the set
 * has at most {@code k} IPs — every L0 incident (at most 2/1000 of the region) in a region of up to 128 000 IPs —
 * and otherwise an estimate from the hashes below both sketches' thresholds, a uniform sample of each set (Cohen and Kaplan,
 * "Summarizing data using bottom-k sketches", 2007), so an open incident's state stays a few KB however many IPs it
 * hurts. Immutable.
 */
public final class IpSketch {

    /** Hashes kept: exact up to this many IPs. */
    public static final int CAPACITY = 256;

    private static final IpSketch EMPTY = new IpSketch(new long[0], 0);

    private final long[] hashes;
    private final int count;

    private IpSketch(long[] hashes, int count) {
        this.hashes = hashes;
        this.count = count;
    }

    public static IpSketch empty() {
        return EMPTY;
    }

    /** The sketch of these IPs (duplicates count once). */
    public static IpSketch of(Collection<String> ips) {
        long[] all = new long[ips.size()];
        int i = 0;
        for (String ip : ips) {
            all[i++] = hash(ip);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int j = 0; j < all.length; j++) {
            if (j == 0 || all[j] != all[j - 1]) {
                all[distinct++] = all[j];
            }
        }
        return new IpSketch(Arrays.copyOf(all, Math.min(distinct, CAPACITY)), distinct);
    }

    /** Rebuilds a sketch from its parts ({@link #hashes()}, {@link #count()}), as a codec stores them. */
    public static IpSketch of(long[] hashes, int count) {
        Objects.requireNonNull(hashes, "hashes");
        if (count < hashes.length || hashes.length > CAPACITY || (count > hashes.length && hashes.length < CAPACITY)) {
            throw new IllegalArgumentException("an IP sketch of " + count + " IPs cannot hold " + hashes.length
                    + " hashes (capacity " + CAPACITY + ")");
        }
        for (int i = 1; i < hashes.length; i++) {
            if (hashes[i] <= hashes[i - 1]) {
                throw new IllegalArgumentException("IP sketch hashes must be strictly ascending");
            }
        }
        return new IpSketch(hashes.clone(), count);
    }

    /** Distinct IPs summarized. */
    public int count() {
        return count;
    }

    /** The kept hashes, ascending (a copy). */
    public long[] hashes() {
        return hashes.clone();
    }

    /** True when every IP's hash is kept, so {@link #shared} is exact. */
    public boolean exact() {
        return hashes.length == count;
    }

    /**
     * IPs in both sets: exact when both sketches are. Otherwise, below τ (the smaller of the two sketches' largest kept
     * hash; a complete sketch has none) both sketches hold every hash of their set, so the smaller set's hashes below τ
     * are a uniform sample of it, and the share of them found in the other set, times the smaller set's size, is
     * the estimate. 0 when no hash of the smaller set falls below τ (nothing to go on).
     */
    public double shared(IpSketch other) {
        if (count == 0 || other.count == 0) {
            return 0;
        }
        if (exact() && other.exact()) {
            return both(hashes, other.hashes, Long.MAX_VALUE);
        }
        IpSketch small = count <= other.count ? this : other;
        IpSketch big = small == this ? other : this;
        long tau = Math.min(small.largestIfPartial(), big.largestIfPartial());
        int sampled = 0;
        while (sampled < small.hashes.length && small.hashes[sampled] <= tau) {
            sampled++;
        }
        return sampled == 0 ? 0 : (double) both(small.hashes, big.hashes, tau) / sampled * small.count;
    }

    private long largestIfPartial() {
        return exact() ? Long.MAX_VALUE : hashes[hashes.length - 1];
    }

    /**
     * The sketch of the union of both sets: the smallest hashes of both, its size exact when both sketches are and
     * otherwise |A| + |B| − {@link #shared}, at least the hashes kept.
     */
    public IpSketch union(IpSketch other) {
        long[] merged = new long[hashes.length + other.hashes.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < hashes.length || j < other.hashes.length) {
            long next;
            if (j >= other.hashes.length || (i < hashes.length && hashes[i] < other.hashes[j])) {
                next = hashes[i++];
            } else if (i >= hashes.length || other.hashes[j] < hashes[i]) {
                next = other.hashes[j++];
            } else {
                next = hashes[i];
                i++;
                j++;
            }
            merged[n++] = next;
        }
        long[] kept = Arrays.copyOf(merged, Math.min(n, CAPACITY));
        if (exact() && other.exact()) {
            return new IpSketch(kept, n);
        }
        long estimate = Math.round(count + other.count - shared(other));
        return new IpSketch(kept, (int) Math.max(kept.length, Math.min(Integer.MAX_VALUE, estimate)));
    }

    /** {@link #shared} over the smaller set's size: 1 when one set holds the other, 0 when disjoint or empty. */
    public double containment(IpSketch other) {
        int smaller = Math.min(count, other.count);
        return smaller == 0 ? 0 : Math.min(1.0, shared(other) / smaller);
    }

    /** Stable 64-bit hash of an IP: FNV-1a over its UTF-8 bytes, then MurmurHash3's finalizer to spread the bits. */
    static long hash(String ip) {
        long h = 0xcbf29ce484222325L;
        for (byte b : ip.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Values present in both ascending arrays and ≤ {@code limit}. */
    private static int both(long[] a, long[] b, long limit) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length && a[i] <= limit && b[j] <= limit) {
            if (a[i] == b[j]) {
                n++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpSketch s && count == s.count && Arrays.equals(hashes, s.hashes);
    }

    @Override
    public int hashCode() {
        return 31 * count + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "IpSketch[" + count + " IPs" + (exact() ? "" : ", " + hashes.length + " hashes") + "]";
    }
}
