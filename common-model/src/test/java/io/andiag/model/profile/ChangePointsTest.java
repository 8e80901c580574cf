package io.andiag.model.profile;

import io.andiag.model.testing.SeriesGenerator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChangePointsTest {

    private static final double EXACT = 1e-9;

    @Test
    void shouldFindHandComputedBestSplit() {
        // y = 0 0 1 0 4 4, mean 1.5, SS = 19.5. Between-segment SS k(n-k)/n (mean_r - mean_l)^2 for the splits with
        // >= 2 values a side: k=2: 6.75, k=3: 8.1667, k=4: (4*2/6) * 3.75^2 = 18.75 -> best k = 4,
        // share = 18.75 / 19.5 = 0.961538, t = sqrt(share * (n - 2) / (1 - share)) = sqrt(25 * 4) = 10.
        ChangePoints.Split s = ChangePoints.best(new double[] {0, 0, 1, 0, 4, 4}, 0, 6, 2);
        assertThat(s.index()).isEqualTo(4);
        assertThat(s.share()).isCloseTo(18.75 / 19.5, within(EXACT));
        assertThat(s.t()).isCloseTo(10.0, within(EXACT));
    }

    @Test
    void shouldReportNoSplitForConstantOrShortSegments() {
        assertThat(ChangePoints.best(new double[] {2, 2, 2, 2}, 0, 4, 1).share()).isZero();
        assertThat(ChangePoints.best(new double[] {1, 9, 1}, 0, 3, 2).share()).isZero();
    }

    @Test
    void shouldFindStartOfLastRegime() {
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = i < 10 ? 1 : i < 20 ? 5 : 9;
        }
        // first split at 10 (ties go to the earliest), then the rest splits at 20, then [20, 30) is constant
        assertThat(ChangePoints.lastRegimeStart(y, 3, 0.3, 4.0)).isEqualTo(20);
    }

    @Test
    void shouldFindNoRegimeInWhiteNoise() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] y = new double[168];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 + SeriesGenerator.gaussian(rnd);
        }
        assertThat(ChangePoints.lastRegimeStart(y, 6, 0.3, 4.0)).isZero();
    }
}
