package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StaticImageTest {

    private static int height(String... names) throws IOException {
        Plot plot = Plot.lines(new double[] {0, 1, 2});
        for (String name : names) {
            plot.series(name, new double[] {0, 1, 4});
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(StaticImage.png(plot.build())));
        return png.getHeight();
    }

    @Test
    void longLegendEntriesWrapIntoRowsThatTheImageMakesRoomFor() throws IOException {
        int shortNames = height("a", "b", "c", "d", "e");
        int longNames = height("Dormand-Prince 5(4), ours", "Bogacki-Shampine 3(2), ours",
                "Commons Math DormandPrince54", "Commons Math DormandPrince853", "full trajectory, every 20 iterations");
        // five short names fit on one row; five long ones need at least two on a 960-pixel image
        assertTrue(longNames >= shortNames + 18, shortNames + " vs " + longNames);
    }
}
