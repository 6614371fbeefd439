package org.dlab.workbench.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.workbench.analysis.Calibration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration recovers parameters from data the model itself produced (with known noise), within
 * its stated confidence bounds; and fits the korea arms race to the SIPRI series.
 */
class ModelCalibrationTest {
    @TempDir Path tmp;

    static final Path KOREA = Path.of("..", "models", "korea").toAbsolutePath().normalize();

    /** Synthetic data: the model at {@code truth}, plus Gaussian noise of sd {@code sigma}, as a simple-format CSV. */
    static Path synthetic(Path csv, Model model, CalibrationSpec spec, List<String> variables, double[] truth, double sigma, long seed) throws Exception {
        // a first data file only fixes the observation times: every time of the run's span
        StringBuilder stub = new StringBuilder("Time");
        for (String v : variables) stub.append(',').append(v);
        stub.append('\n');
        double t0 = spec.time().get("INITIAL TIME");
        double t1 = spec.time().get("FINAL TIME");
        for (double t = t0; t <= t1 + 1e-9; t++) {
            stub.append(t);
            for (int k = 0; k < variables.size(); k++) stub.append(",1");
            stub.append('\n');
        }
        Files.writeString(csv, stub.toString());
        List<ObservedData.Series> times = ObservedData.read(csv, spec);
        double[][] sim = new ModelCalibration(model, spec, times).simulate(truth);
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder(stub.substring(0, stub.indexOf("\n") + 1));
        int n = times.get(0).times().length;
        for (int i = 0; i < n; i++) {
            b.append(times.get(0).times()[i]);
            for (int k = 0; k < variables.size(); k++) b.append(',').append(String.format(Locale.ROOT, "%.6f", sim[k][i] + sigma * rnd.nextGaussian()));
            b.append('\n');
        }
        Files.writeString(csv, b.toString());
        return csv;
    }

    static void assertRecovered(ModelCalibration.Result r, double[] truth) {
        Calibration.Fit f = r.fit();
        for (int i = 0; i < truth.length; i++) {
            System.out.printf(Locale.ROOT, "  %s = %.5g ± %.3g, 95%% [%.5g, %.5g] (true %.5g)%n", f.names().get(i), f.estimate()[i], f.standardError()[i],
                    f.lower()[i], f.upper()[i], truth[i]);
            assertThat(f.lower()[i]).as("lower bound of %s", f.names().get(i)).isLessThanOrEqualTo(truth[i]);
            assertThat(f.upper()[i]).as("upper bound of %s", f.names().get(i)).isGreaterThanOrEqualTo(truth[i]);
        }
    }

    @Test
    void recoversLogisticGrowthFromItsOwnNoisyOutput() throws Exception {
        Path mdl = tmp.resolve("logistic.mdl");
        Files.writeString(mdl, """
                {UTF-8}
                population = INTEG(growth, initial population)
                	~	people
                	~	|
                growth = rate * population * (1 - population / capacity)
                	~	people/year
                	~	|
                initial population = 10
                	~	people
                	~	|
                rate = 0.5
                	~	1/year
                	~	|
                capacity = 2000
                	~	people
                	~	|
                INITIAL TIME = 0
                	~	year
                	~	|
                FINAL TIME = 40
                	~	year
                	~	|
                TIME STEP = 0.125
                	~	year
                	~	|
                SAVEPER = 1
                	~	year
                	~	|
                """);
        Path yaml = tmp.resolve("logistic.yaml");
        Files.writeString(yaml, """
                time: {start: 0, end: 40}
                parameters:
                  - {name: rate, low: 0.05, high: 1, initial: 0.5}
                  - {name: capacity, low: 100, high: 5000, initial: 2000}
                optimizer: {starts: 3}
                """);
        CalibrationSpec spec = CalibrationSpec.parse(yaml);
        Model model = ModelLoader.load(mdl);
        double[] truth = {0.25, 1000};
        Path csv = synthetic(tmp.resolve("obs.csv"), model, spec, List.of("population"), truth, 15, 17);
        ModelCalibration.Result r = new ModelCalibration(model, spec, ObservedData.read(csv, spec)).fit();
        System.out.println("logistic, noise sd 15:");
        assertRecovered(r, truth);
        // the residual sd estimates the noise, and the fit explains nearly all the variance
        assertThat(Math.sqrt(r.fit().residualVariance())).isBetween(10.0, 20.0);
        assertThat(r.fitted().get(0).r2()).isGreaterThan(0.99);
        assertThat(r.fitted().get(0).sse()).isLessThan(r.initial().get(0).sse());
        assertThat(r.fit().standardError()[0]).isLessThan(0.02);
    }

    /** The korea model's arms race from 2000, its reactions to China set, its output plus 0.5 $B noise: the fit finds them again. */
    @Test
    void recoversKoreaArmsRaceConstantsFromItsOwnOutput() throws Exception {
        Path yaml = tmp.resolve("korea.yaml");
        Files.writeString(yaml, """
                base: %s
                parameters:
                  - {name: "ROK reaction to China", low: -0.05, high: 0.05, initial: 0.0}
                  - {name: "Japan reaction to China", low: -0.05, high: 0.05, initial: 0.0}
                """.formatted(KOREA.resolve("historical-2000.yaml").toString().replace("\\", "/")));
        CalibrationSpec spec = CalibrationSpec.parse(yaml);
        Model model = ModelLoader.load(KOREA.resolve("korea.mdl"));
        double[] truth = {0.004, -0.002};
        Path csv = synthetic(tmp.resolve("korea.csv"), model, spec, List.of("Defense spending[ROK]", "Defense spending[JPN]"), truth, 0.5, 5);
        ModelCalibration.Result r = new ModelCalibration(model, spec, ObservedData.read(csv, spec)).fit();
        System.out.println("korea 2000-2018, synthetic, noise sd 0.5 $B:");
        assertRecovered(r, truth);
        assertThat(r.fit().standardError()[0]).isLessThan(0.001);
    }

    /**
     * The korea arms race against SIPRI 2000-2018, as models/korea/calibration/arms-race.yaml sets
     * it up. Stated results (README, "Calibration"): both fits improve on the defaults (MAPE ROK
     * 8.2 %, Japan 11.4 %) to at most 8.2 % and 9.5 %, with finite bounds around the estimates.
     */
    @Test
    void fitsTheKoreaArmsRaceToSipri() {
        String shared = System.getProperty("dlab.shared");
        Path sipri = shared == null ? null : Path.of(shared, "data", "sipri_milex_constant_usd_1949_2018.csv");
        Assumptions.assumeTrue(sipri != null && Files.isRegularFile(sipri),
                "skipped: no sipri_milex_constant_usd_1949_2018.csv in the shared data folder (dlab.shared=" + shared + ")");
        CalibrationSpec spec = CalibrationSpec.parse(KOREA.resolve("calibration/arms-race.yaml"));
        List<ObservedData.Series> data = ObservedData.read(sipri, spec);
        assertThat(data).extracting(ObservedData.Series::points).containsExactly(19, 19);
        ModelCalibration.Result r = new ModelCalibration(ModelLoader.load(KOREA.resolve("korea.mdl")), spec, data).fit();
        Calibration.Fit f = r.fit();
        for (int i = 0; i < f.names().size(); i++) {
            System.out.printf(Locale.ROOT, "[korea] SIPRI fit: %s = %.5f ± %.5f, 95%% [%.5f, %.5f]%n", f.names().get(i), f.estimate()[i], f.standardError()[i],
                    f.lower()[i], f.upper()[i]);
            assertThat(f.standardError()[i]).isFinite().isPositive();
            assertThat(f.lower()[i]).isLessThan(f.estimate()[i]);
            assertThat(f.upper()[i]).isGreaterThan(f.estimate()[i]);
        }
        for (int k = 0; k < 2; k++) {
            ModelCalibration.SeriesFit s = r.fitted().get(k);
            System.out.printf(Locale.ROOT, "[korea] %s: SSE %.2f, RMSE %.3f, MAPE %.2f%%, R2 %.3f (defaults: MAPE %.2f%%)%n", s.variable(), s.sse(), s.rmse(),
                    100 * s.mape(), s.r2(), 100 * r.initial().get(k).mape());
            assertThat(s.sse()).isLessThanOrEqualTo(r.initial().get(k).sse() + 1e-9);
        }
        assertThat(r.fitted().get(0).mape()).isLessThanOrEqualTo(0.082);
        assertThat(r.fitted().get(1).mape()).isLessThanOrEqualTo(0.095);
        assertThat(r.initial().get(0).mape()).isBetween(0.080, 0.084); // the defaults reproduce KoreaBehaviourTest's 8.2 %
        // the ROK estimate agrees with the range the study samples (0 to 0.006), set earlier by hand
        assertThat(f.lower()[0]).isLessThan(0.006);
        assertThat(f.upper()[0]).isGreaterThan(0.0);
    }

    @Test
    void badFilesAreReportedWithTheirPlace() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "parameters:\n  - {name: rate, low: 1, high: 0.5}\n");
        assertThatThrownBy(() -> CalibrationSpec.parse(yaml)).isInstanceOf(ModelException.class).hasMessageContaining("high must be above low")
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains("bad.yaml:2:"));
        Files.writeString(yaml, "parameters:\n  - {name: rate, low: 0, high: 1}\nseries: []\nfoo: 1\n");
        assertThatThrownBy(() -> CalibrationSpec.parse(yaml)).hasMessageContaining("unknown key 'foo'");
        Files.writeString(yaml, "parameters:\n  - {name: rate, low: 0, high: 1}\n");
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "Time,population\n0,1\n1,x2\n");
        assertThatThrownBy(() -> ObservedData.read(csv, CalibrationSpec.parse(yaml))).isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains("d.csv:3:2").contains("'x2' is not a number"));
        Files.writeString(csv, "year,population\n0,1\n");
        assertThatThrownBy(() -> ObservedData.read(csv, CalibrationSpec.parse(yaml))).hasMessageContaining("no Time column");
    }

    @Test
    void readsWeightsAndQuotedNames() throws Exception {
        Path yaml = tmp.resolve("w.yaml");
        Files.writeString(yaml, """
                parameters:
                  - {name: rate, low: 0, high: 1}
                series:
                  - {variable: "Spending[A]", column: "Korea, South", scale: 0.001, weight: 2}
                """);
        Path csv = tmp.resolve("w.csv");
        Files.writeString(csv, "Time,\"Korea, South\",\"weight:Korea, South\"\n2000,1000,0.5\n2001,,1\n2002,3000,\n");
        List<ObservedData.Series> s = ObservedData.read(csv, CalibrationSpec.parse(yaml));
        assertThat(s).hasSize(1);
        assertThat(s.get(0).variable()).isEqualTo("Spending[A]");
        assertThat(s.get(0).values()).containsExactly(1.0, Double.NaN, 3.0);
        assertThat(s.get(0).weights()).containsExactly(1.0, 2.0, 2.0);
        assertThat(s.get(0).points()).isEqualTo(2);
    }
}
