package org.dlab.workbench.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.dlab.workbench.store.OutputFile;

/** A chart drawn into an SVG or PNG file, written whole and then moved into place. */
final class ChartFile {
    private ChartFile() {}

    static void write(java.nio.file.Path out, boolean svg, int width, int height, Consumer<Canvas> draw) {
        OutputFile.replace(out, "the plot", tmp -> {
            if (svg) {
                SvgCanvas c = new SvgCanvas(width, height);
                draw.accept(c);
                Files.writeString(tmp, c.finish(), StandardCharsets.UTF_8);
            } else {
                // a server or CI machine has no display; Java2D draws into memory all the same
                if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
                PngCanvas c = new PngCanvas(width, height);
                draw.accept(c);
                if (!ImageIO.write(c.finish(), "png", tmp.toFile())) throw new IOException("no PNG writer");
            }
        });
    }
}
