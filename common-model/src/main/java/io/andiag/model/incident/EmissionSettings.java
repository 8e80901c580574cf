package io.andiag.model.incident;

import io.andiag.model.routing.DoubleSetting;
import io.andiag.model.routing.IntSetting;

import java.util.Map;

/**
 * When a region-minute below L0 may still alert ({@link EmissionRule}).
 *
 * @param minIps           fewest abnormal IPs on the one host, VIP or gateway
 * @param concentrationMin share of the abnormal IPs that host, VIP or gateway must hold
 */
public record EmissionSettings(int minIps, double concentrationMin) {

    public static final IntSetting MIN_IPS = new IntSetting("incident.emission.min_ips", 3, 2, 1_000_000,
            "fewest abnormal IPs on one host, VIP or gateway for a below-L0 alert");
    public static final DoubleSetting CONCENTRATION_MIN = new DoubleSetting("incident.emission.concentration_min",
            0.7, 0.0, 1.0, "share of the abnormal IPs one host, VIP or gateway must hold for a below-L0 alert");

    public static final EmissionSettings DEFAULTS = new EmissionSettings(MIN_IPS.defaultValue(),
            CONCENTRATION_MIN.defaultValue());

    public EmissionSettings {
        MIN_IPS.check(minIps);
        CONCENTRATION_MIN.check(concentrationMin);
    }

    public static EmissionSettings from(Map<String, String> props) {
        return new EmissionSettings(MIN_IPS.read(props), CONCENTRATION_MIN.read(props));
    }
}
