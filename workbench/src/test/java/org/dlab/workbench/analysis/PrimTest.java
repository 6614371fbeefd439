package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrimTest {
    private final PlantedBox data = new PlantedBox(5000, 42);

    @Test
    void findsThePlantedBox() {
        Prim.Options o = Prim.Options.defaults();
        SortedColumns order = Prim.sort(data.x);
        PrimTrajectory t = Prim.peel(data.x, data.y, o, order);
        PrimBox chosen = t.choose(0.9);
        PrimBox box = Prim.paste(data.x, data.y, chosen, o, order);
        System.out.printf("PRIM: %d boxes; chosen #%d cov %.3f dens %.3f; pasted cov %.3f dens %.3f mass %.3f %s%n", t.boxes().size(),
                chosen.index(), chosen.coverage(), chosen.density(), box.coverage(), box.density(), box.mass(), box.box());
        assertThat(box.coverage()).isGreaterThanOrEqualTo(0.9);
        assertThat(box.density()).isGreaterThanOrEqualTo(0.9);
        assertThat(box.box().lower(PlantedBox.A)).isCloseTo(PlantedBox.A_LO, within(0.05));
        assertThat(box.box().upper(PlantedBox.A)).isCloseTo(PlantedBox.A_HI, within(0.05));
        assertThat(box.box().lower(PlantedBox.B)).isCloseTo(PlantedBox.B_LO, within(0.05));
        assertThat(box.box().upper(PlantedBox.B)).isCloseTo(PlantedBox.B_HI, within(0.05));
        // the other inputs are left alone, or barely touched (a slice of at most 5% at an edge)
        for (int d = 0; d < PlantedBox.DIMS; d++) {
            if (d == PlantedBox.A || d == PlantedBox.B) continue;
            double lo = box.box().lower(d);
            double hi = box.box().upper(d);
            assertThat(lo == Double.NEGATIVE_INFINITY || lo < 0.05).as("lower of x%d", d).isTrue();
            assertThat(hi == Double.POSITIVE_INFINITY || hi > 0.95).as("upper of x%d", d).isTrue();
        }
        // the trajectory is a trade-off: coverage never rises, density rises with each peel
        double[] c = t.coverages();
        double[] dens = t.densities();
        for (int i = 1; i < c.length; i++) {
            assertThat(c[i]).isLessThanOrEqualTo(c[i - 1]);
            assertThat(dens[i]).isGreaterThan(dens[i - 1]);
        }
        assertThat(t.boxes().get(0).coverage()).isEqualTo(1.0);
        assertThat(t.boxes().get(t.boxes().size() - 1).mass()).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void inspectionGivesSmallQuasiPValuesToThePlantedInputs() {
        PrimBox box = Prim.find(data.x, data.y, Prim.Options.defaults(), 0.9);
        PrimInspection in = PrimInspection.inspect(data.x, data.y, box);
        in.bySignificance().forEach(l -> System.out.printf("  %s [%.3f, %.3f] qp %.3g (low %.3g, high %.3g)%n", l.name(), l.lower(), l.upper(),
                l.quasiP(), l.quasiPLower(), l.quasiPUpper()));
        assertThat(in.limit("x2").quasiP()).isLessThan(1e-10);
        assertThat(in.limit("x7").quasiP()).isLessThan(1e-10);
        assertThat(in.bySignificance().get(0).name()).isIn("x2", "x7");
        // recount coverage and density by brute force
        int inside = 0;
        int pos = 0;
        for (int i = 0; i < data.x.rows(); i++) {
            if (box.box().contains(data.x, i)) {
                inside++;
                if (data.y[i]) pos++;
            }
        }
        assertThat(box.count()).isEqualTo(inside);
        assertThat(box.positives()).isEqualTo(pos);
    }

    @Test
    void resamplingRestrictsThePlantedInputsAlmostAlways() {
        PrimStability.Result s = PrimStability.run(data.x, data.y, Prim.Options.defaults(), 0.9, 10, true, 0, 9);
        for (int d = 0; d < PlantedBox.DIMS; d++) System.out.printf("  x%d restricted in %.0f%% of resamples%n", d, 100 * s.share()[d]);
        assertThat(s.share("x2")).isEqualTo(1.0);
        assertThat(s.share("x7")).isEqualTo(1.0);
        assertThat(s.meanDensity()).isGreaterThan(0.85);
    }

    @Test
    void peelingHandlesTiedIntegerInputs() {
        // an integer input with 5 levels: slices must take whole levels
        int n = 2000;
        double[][] cols = new double[2][n];
        boolean[] y = new boolean[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            cols[0][i] = r.nextInt(5);
            cols[1][i] = r.nextDouble();
            y[i] = cols[0][i] >= 3 && r.nextDouble() < 0.95;
        }
        Dataset x = Dataset.ofColumns(java.util.List.of("level", "noise"), cols);
        PrimBox b = Prim.find(x, y, Prim.Options.defaults(), 0.9);
        assertThat(b.box().lower(0)).isEqualTo(2.5);
        assertThat(b.box().upper(0)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
