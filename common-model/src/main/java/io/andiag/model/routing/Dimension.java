package io.andiag.model.routing;

import io.andiag.model.record.IpAttributes;

import java.util.Optional;

/**
 * The dimensions an anomaly can converge to. Source dimensions are attributes of the abnormal source IPs and have a
 * population (how many monitored IPs hold each value); destination dimensions are read from the sampled details and
 * have none. The label is the name used in scopes ({@code tor=tor-17}) and matches the simulator's label vocabulary.
 */
public enum Dimension {
    AZ("az", true),
    TOR("tor", true),
    HOST("host", true),
    VM("vm", true),
    VSWITCH("vswitch", true),
    VPC("vpc", true),
    APP("app", true),
    /** A load-balancer VIP the abnormal sources' retransmissions go to (destination kind SLB_VIP). */
    VIP("vip", false),
    /**
     * The NAT gateway cluster the retransmissions go through: the destination's cluster when the destination is a
     * NAT gateway address, else the source's {@code gateway_cluster} for INTERNET_OUT traffic.
     */
    NATGW("natgw", false),
    /** The region of the destination when it is another region (or the CROSS_REGION scenario, region unknown). */
    DST_REGION("dst_region", false),
    /** An internet destination (destination kind INTERNET, or any destination of INTERNET_OUT traffic). */
    INTERNET_DST("internet_dst", false);

    /** Value of {@link #DST_REGION} for CROSS_REGION traffic whose destination region is unknown. */
    public static final String UNKNOWN_REGION = "?";

    private static final Dimension[] VALUES = values();
    private static final Dimension[] SOURCE = {AZ, TOR, HOST, VM, VSWITCH, VPC, APP};
    private static final Dimension[] DESTINATION = {VIP, NATGW, DST_REGION, INTERNET_DST};

    private final String label;
    private final boolean source;

    Dimension(String label, boolean source) {
        this.label = label;
        this.source = source;
    }

    public String label() {
        return label;
    }

    /** True for attributes of the source IP (with a population), false for destination dimensions. */
    public boolean isSource() {
        return source;
    }

    /** The value of a source dimension in {@code a}; empty when unknown. */
    public String of(IpAttributes a) {
        return switch (this) {
            case AZ -> a.az();
            case TOR -> a.tor();
            case HOST -> a.host();
            case VM -> a.vm();
            case VSWITCH -> a.vswitch();
            case VPC -> a.vpc();
            case APP -> a.app();
            default -> throw new IllegalStateException(label + " is not a source dimension");
        };
    }

    /** Index among the source dimensions, 0..6; -1 for a destination dimension. */
    public int sourceIndex() {
        return source ? ordinal() : -1;
    }

    /** Index among the destination dimensions, 0..3; -1 for a source dimension. */
    public int destinationIndex() {
        return source ? -1 : ordinal() - SOURCE.length;
    }

    public static Dimension[] sourceDimensions() {
        return SOURCE.clone();
    }

    public static Dimension[] destinationDimensions() {
        return DESTINATION.clone();
    }

    static int sourceCount() {
        return SOURCE.length;
    }

    static int destinationCount() {
        return DESTINATION.length;
    }

    static Dimension ofSourceIndex(int i) {
        return SOURCE[i];
    }

    static Dimension ofDestinationIndex(int i) {
        return DESTINATION[i];
    }

    public static Optional<Dimension> fromLabel(String label) {
        for (Dimension d : VALUES) {
            if (d.label.equals(label)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
