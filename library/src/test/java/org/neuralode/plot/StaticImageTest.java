package org.neuralode.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** {min x, max x, min y, max y} of the pixels of one colour in rows [fromRow, toRow). */
    private static int[] extent(BufferedImage png, int rgb, int fromRow, int toRow) {
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        for (int y = fromRow; y < Math.min(toRow, png.getHeight()); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if ((png.getRGB(x, y) & 0xffffff) == rgb) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.max(box[1], x);
                    box[2] = Math.min(box[2], y);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    private static BufferedImage render(Plot plot) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(StaticImage.png(plot.build())));
    }

    @Test
    void equalAspectDrawsOneUnitAsLongOnBothAxes() throws IOException {
        double[] x = {0, 1, 0, 1};
        double[] y = {0, 0, 1, 1};
        Series square = new Series("unit square", x, y, Series.Style.POINTS, "#ff0000");
        int[] box = extent(render(Plot.figure().add(square).equalAspect()), 0xff0000, 0, 400);
        int w = box[1] - box[0];
        int h = box[3] - box[2];
        assertTrue(Math.abs(w - h) <= 2, "a unit square drawn " + w + " by " + h + " pixels");
        int[] stretched = extent(render(Plot.figure().add(square)), 0xff0000, 0, 400);
        assertTrue(stretched[1] - stretched[0] > 1.5 * (stretched[3] - stretched[2]),
                "without equalAspect the square fills the wide frame (the test's premise)");
    }

    @Test
    void legendSwatchesAreDrawnAsTheirSeries() throws IOException {
        double[] x = {0, 1, 2};
        BufferedImage png = render(Plot.figure()
                .add(new Series("markers", x, x, Series.Style.POINTS, "#ff0000"))
                .add(new Series("dashes", x, new double[] {2, 1, 0}, Series.Style.DASHED, "#0000ff")));
        int legendTop = 420;
        int[] marker = extent(png, 0xff0000, legendTop, png.getHeight());
        assertTrue(marker[1] >= 0 && marker[1] - marker[0] <= 7, "a marker's swatch is a dot, not a line: " + (marker[1] - marker[0] + 1) + " px wide");
        int[] dash = extent(png, 0x0000ff, legendTop, png.getHeight());
        assertTrue(dash[1] - dash[0] >= 14, "the dashed swatch spans the swatch's width: " + java.util.Arrays.toString(dash));
        int row = (dash[2] + dash[3]) / 2;
        boolean gap = false;
        for (int px = dash[0]; px <= dash[1]; px++) {
            gap |= (png.getRGB(px, row) & 0xffffff) == 0xffffff;
        }
        assertTrue(gap, "the dashed swatch has gaps");
        assertEquals(0xffffff, png.getRGB(dash[0] + 7, row) & 0xffffff, "a 6-4 dash pattern leaves pixels 6-9 blank");
    }

    @Test
    void aSeriesWithoutANameHasNoLegendEntry() throws IOException {
        double[] x = {0, 1, 2};
        BufferedImage unnamed = render(Plot.figure().add(new Series("", x, x, Series.Style.LINE, "#ff0000")));
        assertEquals(-1, extent(unnamed, 0xff0000, 420, unnamed.getHeight())[1], "no swatch without a name");
        BufferedImage named = render(Plot.figure().add(new Series("h", x, x, Series.Style.LINE, "#ff0000")));
        assertTrue(extent(named, 0xff0000, 420, named.getHeight())[1] >= 0, "a named series has its swatch");
    }
}
