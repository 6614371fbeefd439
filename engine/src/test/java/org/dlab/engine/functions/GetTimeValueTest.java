package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * GET TIME VALUE's calendar measures, by Vensim's documented rule: model time is a date from
 * Jan 1 of year 0 (the default time label), on a 360-day year of 30-day months for time in
 * years, quarters or months and on real dates for weeks or days. Values worked out by hand.
 */
class GetTimeValueTest {
    private static SimResult run(String unit, double start, double end, double step, String equations) {
        String text = "{UTF-8}\n" + equations + "INITIAL TIME = " + start + " ~ " + unit + " ~ |\nFINAL TIME = " + end + " ~ " + unit
                + " ~ |\nTIME STEP = " + step + " ~ " + unit + " [0,?] ~ |\nSAVEPER = TIME STEP ~ " + unit + " ~ |\n";
        return ModelLoader.compile(VensimParser.parse("t.mdl", text, Path.of("."))).newRun().simulate();
    }

    private static String measures(String relativeTo, String offset) {
        StringBuilder b = new StringBuilder();
        for (int m = 0; m <= 10; m++) b.append("m").append(m).append(" = GET TIME VALUE(").append(relativeTo).append(", ").append(offset)
                .append(", ").append(m).append(") ~ ~ |\n");
        return b.toString();
    }

    @Test
    void monthsAreThirtyDaysOfAThreeHundredSixtyDayYear() {
        SimResult r = run("Month", 50, 56, 0.5, measures("0", "0"));
        // time 50 months = day 1,500: year 4, day 60 of the year = 1 March, quarter 1, (1500 + 6) mod 7 = 1 (Monday)
        double[] at50 = {50, 4, 1, 3, 1, 1, 1500, 0, 0, 0};
        // time 55.5 = day 1,665: year 4, day 225 = 16 August (month 8), quarter 3, (1665 + 6) mod 7 = 5
        double[] at55half = {55.5, 4, 3, 8, 16, 5, 1665, 0, 0, 0};
        for (int m = 0; m <= 9; m++) {
            assertThat(r.series("m" + m)[0]).as("measure %d at 50", m).isEqualTo(at50[m]);
            assertThat(r.series("m" + m)[11]).as("measure %d at 55.5", m).isEqualTo(at55half[m]);
        }
    }

    @Test
    void yearsKeepTheCalendarYearAndRelativeToInitialTimeAddsTheOffset() {
        // 2020.5 years = day 727,380: year 2020, day 180 of the year = 1 July, quarter 3
        SimResult r = run("Year", 2020.5, 2022, 0.5, measures("1", "0.25"));
        // relative to the initial time 2020.5 plus 0.25 year (90 days): day 270 = 1 October, quarter 4, at every time
        double[] want = {2020.75, 2020, 4, 10, 1, Math.floorMod(727470 + 6, 7), 727470, 0, 0, 0};
        for (int m = 0; m <= 9; m++) {
            assertThat(r.series("m" + m)[0]).as("measure %d", m).isEqualTo(want[m]);
            assertThat(r.series("m" + m)[3]).as("measure %d later", m).isEqualTo(want[m]);
        }
    }

    @Test
    void daysAreRealDatesWithLeapYearsAndHours() {
        // day 740,318 after 1 Jan of year 0 (proleptic Gregorian) is Thursday 3 December 2026; .75 of it is 18:00
        SimResult r = run("Day", 740318.75, 740320, 0.25, measures("0", "0"));
        double[] want = {740318.75, 2026, 4, 12, 3, 4, 740318, 18, 0, 0};
        for (int m = 0; m <= 9; m++) assertThat(r.series("m" + m)[0]).as("measure %d", m).isCloseTo(want[m], within(1e-9));
        // a quarter day later: 4 December, Friday, midnight
        assertThat(r.series("m4")[1]).isEqualTo(4);
        assertThat(r.series("m5")[1]).isEqualTo(5);
        assertThat(r.series("m7")[1]).isEqualTo(0);
        // day 739,310 is 29 February 2024: leap days exist on real dates
        SimResult leap = run("Day", 739310, 739311, 1, measures("0", "0"));
        assertThat(leap.series("m3")[0]).isEqualTo(2);
        assertThat(leap.series("m4")[0]).isEqualTo(29);
    }

    @Test
    void minutesAndSecondsOfAWeek() {
        // 105,760 weeks + 1/7 * (1/24 + 1/1440 + 30.5/86400) of a week = day 740,320 plus 1 h 1 min 30.5 s
        SimResult r = run("Week", 740320 / 7.0, 740330 / 7.0, 1 / 7.0, measures("0", "(1/24 + 1/1440 + 30.5/86400) / 7"));
        assertThat(r.series("m7")[0]).isEqualTo(1);
        assertThat(r.series("m8")[0]).isEqualTo(1);
        assertThat(r.series("m9")[0]).isCloseTo(30.5, within(1e-4));
        // measure 10: whole seconds since year 0 modulo 500,000: 63,963,651,690 mod 500,000 = 151,690
        assertThat(r.series("m10")[0]).isEqualTo(151690);
    }

    @Test
    void aTimeUnitThatIsNoCalendarUnitIsAnErrorAtTheCall() {
        assertThatThrownBy(() -> run("Hour", 0, 1, 1, "x = GET TIME VALUE(0, 0, 3) ~ ~ |\n"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.describe())
                        .startsWith("t.mdl:2:5: GET TIME VALUE measure 3 reads time as a date").contains("'Hour'"));
    }
}
