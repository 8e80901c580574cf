package io.andiag.model.record;

/** What an address in {@code ip_attributes} is. Only containers send counters and are monitored. */
public enum IpKind {
    /** A container/VM IP with an agent: a monitored source. */
    CONTAINER,
    /** A load-balancer virtual IP (a destination of the SLB scenario). */
    SLB_VIP,
    /** A NAT gateway address (the outlet of INTERNET_OUT traffic). */
    NAT_GATEWAY,
    /** An address in another region (a destination of the CROSS_REGION scenario). */
    REMOTE_REGION,
    /** An address on the internet or in a customer IDC. */
    INTERNET
}
