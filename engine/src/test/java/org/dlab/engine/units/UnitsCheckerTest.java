package org.dlab.engine.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitsCheckerTest {
    @TempDir Path dir;

    static final String CONTROL = String.join("\n",
            "FINAL TIME = 20 ~ Month ~|",
            "INITIAL TIME = 0 ~ Month ~|",
            "SAVEPER = TIME STEP ~ Month [0,?] ~|",
            "TIME STEP = 0.25 ~ Month [0,?] ~|");

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static UnitsChecker.Report check(Path p) {
        return UnitsChecker.run(ModelLoader.analyze(ModelLoader.parse(p)));
    }

    private static List<String> lines(UnitsChecker.Report r) {
        List<String> out = new ArrayList<>();
        r.findings().forEach(f -> out.add(f.toString()));
        return out;
    }

    @Test
    void consistentModelReportsNothing() throws IOException {
        Path p = write("ok.mdl", String.join("\n",
                "{UTF-8}",
                "Stock = INTEG(Inflow - Outflow, Initial stock) ~ Widget ~|",
                "Initial stock = 100 ~ Widget ~|",
                "Inflow = Normal demand * Demand effect(Price / Reference price) + STEP(Step height, Step time)",
                "  + RAMP(Ramp slope, Step time, FINAL TIME) ~ Widget/Month ~|",
                "Normal demand = 10 ~ Widget/Month ~|",
                "Demand effect([(0,0)-(2,2)],(0,1.5),(1,1),(2,0.5)) ~ Dmnl ~|",
                "Price = 5 ~ $/Widget ~|",
                "Reference price = 5 ~ $/Widget ~|",
                "Step height = 2 ~ Widget/Month ~|",
                "Step time = 5 ~ Month ~|",
                "Ramp slope = 0.1 ~ Widget/(Month*Month) ~|",
                "Outflow = MAX(Stock - Minimum stock, 0) / Residence time ~ Widget/Month ~|",
                "Residence time = 4 ~ Month ~|",
                "Minimum stock = 10 ~ Widget ~|",
                "Perceived stock = SMOOTH3(Stock, Perception time) ~ Widget ~|",
                "Delayed inflow = DELAY1(Inflow, Perception time) + DELAY3I(Inflow, Perception time, Normal demand) ~ Widget/Month ~|",
                "Held stock = SAMPLE IF TRUE(Time > Step time, Stock, Initial stock) ~ Widget ~|",
                "Start stock = INITIAL(Stock) ~ Widget ~|",
                "Fixed delay = DELAY FIXED(Inflow, Perception time, Normal demand) ~ Widget/Month ~|",
                "Perception time = 3 ~ Month ~|",
                "Growth = EXP(Time / Perception time) - 1 ~ Dmnl ~|",
                "Root = SQRT(Area) ~ Meter ~|",
                "Area = 4 ~ Meter*Meter ~|",
                "Pulse = PULSE(Step time, Perception time) * Normal demand ~ Widget/Month ~|",
                "Share = ZIDZ(Perceived stock, Stock) + XIDZ(Start stock, Stock, 1) ~ Dmnl ~|",
                "Is high = IF THEN ELSE(Stock > Minimum stock :AND: Time >= Step time, 1, 0) ~ Dmnl ~|",
                "Gap = (Perceived stock - Stock) + 1 ~ Widget ~|",
                "Monthly = Stock / 12 ~ Widget/Month ~|",
                "Unitless helper = Stock * 2 ~~|",
                "Uses helper = Unitless helper + Stock ~ Widget ~|",
                CONTROL));
        UnitsChecker.Report r = check(p);
        assertThat(lines(r)).isEmpty();
        assertThat(r.consistent()).isTrue();
        assertThat(r.withoutUnits()).containsExactly("Unitless helper");
        assertThat(r.timeUnit()).hasToString("Month");
    }

    @Test
    void inconsistentModelReportsEachEquationWithBothUnits() throws IOException {
        Path p = write("bad.mdl", String.join("\n",
                "{UTF-8}",
                "Stock = INTEG(Inflow, 100) ~ Widget ~|",
                "Inflow = 5 ~ Widget ~|",
                "Residence time = 4 ~ Month ~|",
                "Price = 5 ~ $/Widget ~|",
                "Outflow = Stock * Residence time ~ Widget/Month ~|",
                "Total = Stock + Price ~ Widget ~|",
                "Is high = IF THEN ELSE(Stock > Residence time, 1, 0) ~ Dmnl ~|",
                "Choice = IF THEN ELSE(Is high, Stock, Residence time) ~ Widget ~|",
                "Least = MIN(Stock, Price) ~ Widget ~|",
                "Growth = EXP(Residence time) ~ Dmnl ~|",
                "Kick = STEP(Inflow, Price) ~ Widget ~|",
                "Slope = RAMP(Inflow, 1, 5) ~ Widget ~|",
                "Perceived = SMOOTH(Stock, Price) ~ Widget ~|",
                "Effect([(0,0)-(2,2)],(0,1),(2,2)) ~ Dmnl ~|",
                "Demand = Effect(Stock / 100) ~ Widget/Month ~|",
                "Untyped = Stock * Price ~~|",
                "Fine = Untyped + Inflow ~ Widget ~|",
                "  Late = Stock - Residence time ~ Widget ~|",
                CONTROL));
        String f = p.toString();
        assertThat(lines(check(p))).containsExactly(
                f + ":2:1: units: 'Stock': the net flow has units Widget, expected Widget/Month (stock units per Month)",
                f + ":6:1: units: 'Outflow': the equation gives units Month*Widget, declared Widget/Month",
                f + ":7:1: units: 'Total': cannot add Widget and $/Widget",
                f + ":8:1: units: 'Is high': cannot compare Widget with Month",
                f + ":9:1: units: 'Choice': IF THEN ELSE branches have units Widget and Month",
                f + ":10:1: units: 'Least': MIN needs equal units, got Widget and $/Widget",
                f + ":11:1: units: 'Growth': EXP needs a dimensionless argument, got Month",
                f + ":12:1: units: 'Kick': the STEP start time has units $/Widget, expected Month (the time unit)",
                f + ":13:1: units: 'Slope': the equation gives units Month*Widget, declared Widget",
                f + ":14:1: units: 'Perceived' (in its SMOOTH): the net flow has units Widget*Widget/$, expected Widget/Month"
                        + " (stock units per Month); is its delay time in Month?",
                f + ":16:1: units: 'Demand': the equation gives units Dmnl, declared Widget/Month",
                f + ":19:3: units: 'Late': cannot subtract Month from Widget");
    }

    @Test
    void subscriptedEquationsReportOnceAtTheirEquation() throws IOException {
        Path p = write("subs.mdl", String.join("\n",
                "{UTF-8}",
                "Region: North, South ~~|",
                "Population[Region] = 10, 20 ~ Person ~|",
                "Land[Region] = 5 ~ Acre ~|",
                "Density[Region] = Population[Region] / Land[Region] ~ Person/Acre ~|",
                "Crowding[Region] = Population[Region] * Land[Region] ~ Person/Acre ~|",
                "Total = SUM(Population[Region!]) ~ Person ~|",
                CONTROL));
        assertThat(lines(check(p))).containsExactly(
                p + ":6:1: units: 'Crowding': the equation gives units Acre*Person, declared Person/Acre");
    }

    @Test
    void pluralsMatchOnlyThroughTheModelsSynonyms() throws IOException {
        String model = String.join("\n",
                "{UTF-8}",
                "Births = Population * Birth rate ~ Persons/Year ~|",
                "Population = 100 ~ Person ~|",
                "Birth rate = 0.1 ~ 1/Year ~|",
                "FINAL TIME = 10 ~ Year ~|",
                "INITIAL TIME = 0 ~ Year ~|",
                "TIME STEP = 1 ~ Year ~|",
                "\\\\\\---/// Sketch information - do not modify anything except names",
                "V300  Do not put anything below this section - it will be ignored",
                "*View 1",
                "///---\\\\\\",
                ":L<%^E!@",
                "1:Current.vdf");
        Path without = write("plain.mdl", model + "\n22:$,Dollar,Dollars,$s\n");
        assertThat(lines(check(without))).containsExactly(
                without + ":2:1: units: 'Births': the equation gives units Person/Year, declared Persons/Year");
        Path with = write("synonyms.mdl", model + "\n22:Person,People,Persons\n");
        assertThat(lines(check(with))).isEmpty();
    }

    @Test
    void withoutATimeUnitStocksAreNotChecked() throws IOException {
        Path p = write("notime.mdl", String.join("\n",
                "{UTF-8}",
                "Stock = INTEG(Inflow, 1) ~ Widget ~|",
                "Inflow = 5 ~ Widget ~|",
                "FINAL TIME = 10 ~~|",
                "INITIAL TIME = 0 ~~|",
                "TIME STEP = 1 ~~|"));
        UnitsChecker.Report r = check(p);
        assertThat(r.findings()).isEmpty();
        assertThat(r.timeUnit()).isNull();
    }

    @Test
    void unreadableUnitsAreReportedAtTheirEquation() throws IOException {
        Path p = write("syntax.mdl", String.join("\n",
                "{UTF-8}",
                "Rate = 5 ~ Widget/(Month ~|",
                "Other rate = 6 ~ Widget/(Month ~|",
                CONTROL));
        List<String> l = lines(check(p));
        assertThat(l).hasSize(2);
        assertThat(l.get(0)).startsWith(p + ":2:1: units: 'Rate': cannot read units 'Widget/(Month'");
        assertThat(l.get(1)).startsWith(p + ":3:1: units: 'Other rate': cannot read units 'Widget/(Month'");
    }

    @Test
    void delayAndSmoothInternalsAreReportedAtTheCallersEquation() throws IOException {
        Path p = write("hidden.mdl", String.join("\n",
                "{UTF-8}",
                "Shipments = DELAY3(Orders, Lead time) ~ Widget/Month ~|",
                "Orders = 10 ~ Widget/Month ~|",
                "Lead time = 2 ~ Widget ~|",
                "Trend = TREND(Orders, Lead time, 0) ~ 1/Month ~|",
                "Smoothed = SMOOTHI(Orders, 3, Lead time) ~ Widget/Month ~|",
                CONTROL));
        List<String> l = lines(check(p));
        assertThat(l).anySatisfy(s -> assertThat(s).startsWith(p + ":2:1: units: 'Shipments' (in its DELAY): the net flow has units"));
        // TREND smooths its input: the stage is a SMOOTH's
        assertThat(l).anySatisfy(s -> assertThat(s).startsWith(p + ":5:1: units: 'Trend' (in its SMOOTH): the net flow has units 1/Month"));
        assertThat(l).contains(p + ":6:1: units: 'Smoothed' (in its SMOOTH): the initial value has units Widget, the input Widget/Month");
        assertThat(l).allSatisfy(s -> assertThat(s).doesNotContain("#"));
    }
}
