package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.dlab.engine.run.Run;
import org.dlab.workbench.sample.SaltelliSampler;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;

/** Sobol indices of the Ishigami function written as a Vensim model and run by the engine through a study. */
class IshigamiModelTest {
    @Test
    void sobolIndicesOfTheIshigamiModel() throws URISyntaxException {
        Path study = Path.of(IshigamiModelTest.class.getResource("ishigami-study.yaml").toURI());
        BoundStudy b = BoundStudy.bind(StudyParser.parse(study));
        List<Distribution> dists = b.distributions();
        SaltelliSampler design = new SaltelliSampler(8192, dists.size());
        double[] y = new double[(int) design.size()];
        double[] u = new double[dists.size()];
        double[] x = new double[dists.size()];
        Run run = b.model().newRun();
        int ySlot = b.outcomeSlots()[0];
        double[] last = new double[1];
        // keep only the outcome of the last saved row: no per-run result tables
        org.dlab.engine.run.ResultSink sink = (time, slots) -> last[0] = slots[ySlot];
        long t = System.nanoTime();
        for (int i = 0; i < y.length; i++) {
            design.point(i, u);
            for (int d = 0; d < x.length; d++) x[d] = dists.get(d).fromUnit(u[d]);
            b.apply(run, x, new double[0]);
            run.simulate(sink);
            y[i] = last[0];
        }
        System.out.printf("Ishigami model: %d runs in %.2f s%n", y.length, (System.nanoTime() - t) / 1e9);
        SobolAnalysis.Result r = SobolAnalysis.analyze(List.of("X1", "X2", "X3"), y, new SobolAnalysis.Options(100, 0.95, 7, true));
        double[] s1 = {0.3139, 0.4424, 0.0};
        double[] st = {0.5576, 0.4424, 0.2437};
        for (int i = 0; i < 3; i++) {
            System.out.printf("  X%d: S1 %s  ST %s%n", i + 1, r.first()[i], r.total()[i]);
            assertThat(r.first()[i].value()).isCloseTo(s1[i], within(0.02));
            assertThat(r.total()[i].value()).isCloseTo(st[i], within(0.02));
        }
    }
}
