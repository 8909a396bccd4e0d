package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TwoClassesTest {

    @Test
    void concentricCirclesPutClassZeroInTheDiscAndClassOneInTheRing() {
        TwoClasses circles = TwoClasses.concentricCircles(301, 4);
        assertEquals(301, circles.size());
        assertEquals(151, Arrays.stream(circles.labels()).filter(y -> y == 0).count());
        for (int i = 0; i < circles.size(); i++) {
            double r = Math.hypot(circles.points()[i][0], circles.points()[i][1]);
            if (circles.labels()[i] == 0) {
                assertTrue(r <= 0.5, "class 0 inside the disc, got r = " + r);
            } else {
                assertTrue(r >= 1 && r <= 1.5, "class 1 in the ring, got r = " + r);
            }
        }
        assertEquals(circles.component(1, 0).length, 150);
    }

    @Test
    void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        assertArrayEquals(TwoClasses.twoMoons(50, 0.1, 7).points(), TwoClasses.twoMoons(50, 0.1, 7).points());
        assertNotEquals(TwoClasses.twoMoons(50, 0.1, 7).points()[0][0], TwoClasses.twoMoons(50, 0.1, 8).points()[0][0]);
    }

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        TwoClasses moons = TwoClasses.twoMoons(100, 0, 1);
        for (int i = 0; i < moons.size(); i++) {
            double[] p = moons.points()[i];
            double r = moons.labels()[i] == 0 ? Math.hypot(p[0], p[1]) : Math.hypot(p[0] - 1, p[1] - 0.5);
            assertEquals(1, r, 1e-12);
            assertTrue(moons.labels()[i] == 0 ? p[1] >= 0 : p[1] <= 0.5);
        }
    }

    @Test
    void wrongArgumentsNameTheArgumentAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwoClasses.twoMoons(1, 0.1, 0));
        assertTrue(e.getMessage().contains("n (number of points)") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TwoClasses.twoMoons(10, -0.1, 0));
        assertTrue(e.getMessage().contains("noise") && e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TwoClasses.concentricCircles(10, 1, 0.5, 1.5, 0));
        assertTrue(e.getMessage().contains("r1 = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TwoClasses(new double[][] {{0, 0}}, new int[] {2}));
        assertTrue(e.getMessage().contains("labels[0]"), e.getMessage());
    }
}
