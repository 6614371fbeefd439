package org.dlab.models.korea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;

/**
 * The out-of-sample backtest of models/korea/README.md ("Backtest"), recomputed: the model starts in
 * 2008 with constants fitted on 2000-2008 only (calibration/backtest-2008.yaml, written by
 * backtest_spending.py) and predicts ROK and Japanese defence spending (2017 US$, deflated by the US
 * GDP price index) and burden for 2009-2023; persistence and a linear trend fitted on 2000-2008 are
 * the benchmarks. Observed values are recomputed from ../shared/data (OWID/SIPRI share x World Bank
 * GDP). The MAPEs must equal the README's figures (to 0.1 point), and the claims made there hold.
 */
class KoreaBacktestTest {
    /** README figures (percent): model, persistence, linear trend. */
    static final Map<String, double[]> README = Map.of(
            "ROK spending", new double[] {56.5, 20.5, 26.0},
            "ROK burden", new double[] {2.5, 3.6, 3.5},
            "JPN spending", new double[] {10.3, 16.1, 19.3},
            "JPN burden", new double[] {4.6, 7.3, 11.6});
    static final Map<String, String> CODE = Map.of("ROK", "KOR", "JPN", "JPN");

    static Map<Integer, Double> column(Path csv, String codeColumn, String code, String valueColumn, double scale) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> head = List.of(lines.get(0).split(","));
        int c = head.indexOf(codeColumn);
        int y = head.indexOf("Year");
        int v = head.indexOf(valueColumn);
        Map<Integer, Double> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // country names may be quoted with a comma: split on commas outside quotes
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (f.length > Math.max(c, v) && f[c].equals(code) && !f[v].isEmpty()) out.put(Integer.parseInt(f[y]), Double.parseDouble(f[v]) * scale);
        }
        return out;
    }

    @Test
    void outOfSampleMapeMatchesTheReadme() throws IOException {
        Path share = KoreaBehaviourTest.sharedData("sipri_milex_share_gdp_owid.csv");
        Path gdp = KoreaBehaviourTest.sharedData("worldbank_gdp_current_usd.csv");
        JsonNode b = StudyFile.yaml(Korea.dir().resolve("calibration/backtest-2008.yaml"));
        Map<Integer, Double> deflator = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.get("deflator").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            deflator.put(Integer.parseInt(e.getKey()), e.getValue().asDouble());
        }
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("INITIAL TIME", b.get("time").get("start").asDouble());
        c.put("FINAL TIME", b.get("time").get("end").asDouble());
        c.put("SAVEPER", 1.0);
        c.putAll(StudyFile.constants(b.get("constants")));
        SimResult r = Korea.run(c);
        for (String a : List.of("ROK", "JPN")) {
            Map<Integer, Double> s = column(share, "Code", CODE.get(a), "Military expenditure (% of GDP)", 0.01);
            Map<Integer, Double> g = column(gdp, "Country Code", CODE.get(a), "Value", 1e-9);
            for (String kind : List.of("spending", "burden")) {
                Map<Integer, Double> obs = new HashMap<>();
                for (int y = 2000; y <= 2023; y++) {
                    double realGdp = g.get(y) * 100 / deflator.get(y);
                    obs.put(y, kind.equals("spending") ? s.get(y) * realGdp : s.get(y));
                }
                double[] fit = trend(obs);
                double model = 0;
                double persistence = 0;
                double trend = 0;
                for (int y = 2009; y <= 2023; y++) {
                    double o = obs.get(y);
                    String var = (kind.equals("spending") ? "Defense spending[" : "Defense burden[") + a + "]";
                    model += Math.abs(Korea.at(r, var, y) - o) / o;
                    persistence += Math.abs(obs.get(2008) - o) / o;
                    trend += Math.abs(fit[0] + fit[1] * y - o) / o;
                }
                double[] got = {100 * model / 15, 100 * persistence / 15, 100 * trend / 15};
                double[] want = README.get(a + " " + kind);
                System.out.printf("[korea] backtest 2009-2023 %s %s MAPE: model %.1f%%, persistence %.1f%%, trend %.1f%%%n", a, kind, got[0], got[1], got[2]);
                for (int k = 0; k < 3; k++) assertThat(got[k]).as("%s %s MAPE %d", a, kind, k).isCloseTo(want[k], offset(0.051));
            }
        }
        // the README's claims: the burden and Japan's spending beat persistence; ROK spending does not
        assertThat(README.get("ROK burden")[0]).isLessThan(README.get("ROK burden")[1]);
        assertThat(README.get("JPN burden")[0]).isLessThan(README.get("JPN burden")[1]);
        assertThat(README.get("JPN spending")[0]).isLessThan(README.get("JPN spending")[1]);
        assertThat(README.get("ROK spending")[0]).isGreaterThan(README.get("ROK spending")[1]);
    }

    /** OLS line through 2000-2008: {intercept, slope}. */
    static double[] trend(Map<Integer, Double> obs) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int y = 2000; y <= 2008; y++) {
            double v = obs.get(y);
            n++;
            sx += y;
            sy += v;
            sxx += (double) y * y;
            sxy += y * v;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / n, slope};
    }
}
