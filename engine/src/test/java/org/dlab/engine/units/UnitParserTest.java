package org.dlab.engine.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitParserTest {
    private final UnitParser parser = new UnitParser();

    @Test
    void productsQuotientsAndPowers() {
        assertThat(parser.parse("Person*Person/Year").exponents()).isEqualTo(Map.of("Person", 2, "Year", -1));
        assertThat(parser.parse("1/Year").exponents()).isEqualTo(Map.of("Year", -1));
        assertThat(parser.parse("$/(Widget*Month)").exponents()).isEqualTo(Map.of("$", 1, "Widget", -1, "Month", -1));
        assertThat(parser.parse("Meter^3/Second^2").exponents()).isEqualTo(Map.of("Meter", 3, "Second", -2));
        assertThat(parser.parse("Meter^(-1)*Meter^ -1").exponents()).isEqualTo(Map.of("Meter", -2));
        assertThat(parser.parse("Widget/Month/Month")).isEqualTo(parser.parse("Widget/(Month*Month)"));
    }

    @Test
    void canonicalFormPrintsAsVensimWritesUnits() {
        assertThat(parser.parse("Person*Person/Year")).hasToString("Person*Person/Year");
        assertThat(parser.parse("1/Year")).hasToString("1/Year");
        assertThat(parser.parse("$/(Widget*Month)")).hasToString("$/(Month*Widget)");
        assertThat(parser.parse("Year/(Person*Person)")).hasToString("Year/(Person*Person)");
        assertThat(parser.parse("Meter^3")).hasToString("Meter^3");
        assertThat(parser.parse("Dmnl")).hasToString("Dmnl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dmnl", "dmnl", "DMNL", "fraction", "fractions", "%", "1", "Dimensionless", "Year/Year", "2*Dmnl"})
    void dimensionlessSpellings(String text) {
        assertThat(parser.parse(text).isDimensionless()).isTrue();
    }

    @Test
    void rangesAreNotUnits() {
        assertThat(parser.parse("Degrees Fahrenheit/Minute [0,?]")).isEqualTo(parser.parse("Degrees Fahrenheit/Minute"));
        assertThat(parser.parse("Dmnl [0,1,0.05]").isDimensionless()).isTrue();
        assertThat(parser.parse("")).isNull();
        assertThat(parser.parse("   ")).isNull();
        assertThat(parser.parse(" [0,1]")).isNull();
    }

    @Test
    void namesIgnoreSpacingAndCaseAndKeepTheFirstSpelling() {
        Units a = parser.parse("Degrees  Fahrenheit / Minute");
        Units b = parser.parse("degrees fahrenheit/MINUTE");
        assertThat(a).isEqualTo(b);
        assertThat(b).hasToString("Degrees Fahrenheit/Minute");
    }

    @Test
    void pluralsStayDistinctUnlessDeclaredSynonyms() {
        assertThat(parser.parse("Person")).isNotEqualTo(parser.parse("Persons"));
        UnitSynonyms syn = UnitSynonyms.fromModelText("x = 1 ~ Person ~|\n\\\\\\---/// Sketch\n*View 1\n///---\\\\\\\n"
                + ":L<%^E!@\n1:Current.vdf\n22:$,Dollar,Dollars,$s\n22:Person,People,Persons\n");
        UnitParser p = new UnitParser(syn);
        assertThat(p.parse("People/Year")).isEqualTo(p.parse("Person/Year")).isEqualTo(p.parse("persons/year"));
        assertThat(p.parse("Dollars/Person")).hasToString("$/Person");
        assertThat(p.parse("Persons")).isNotEqualTo(p.parse("Widget"));
    }

    @Test
    void synonymsGivenDirectly() {
        UnitParser p = new UnitParser(UnitSynonyms.of(List.of(List.of("Minute", "Minutes"))));
        assertThat(p.parse("Degrees/Minutes")).isEqualTo(p.parse("Degrees/Minute")).hasToString("Degrees/Minute");
    }

    @Test
    void noSettingsBlockMeansNoSynonyms() {
        assertThat(UnitSynonyms.fromModelText("x = 1 ~ Person ~|\n22:Person,People\n").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Person/(Year", "Person^x", "*Year", "Person//Year", "Person)", "Year^", "()"})
    void malformedUnitsAreSyntaxErrors(String text) {
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOf(UnitParser.SyntaxError.class).hasMessageContaining(text.strip());
    }

    @Test
    void algebra() {
        Units w = parser.parse("Widget");
        Units m = parser.parse("Month");
        assertThat(w.divide(m).times(m)).isEqualTo(w);
        assertThat(w.divide(w).isDimensionless()).isTrue();
        assertThat(w.pow(2).root(2)).isEqualTo(w);
        assertThat(w.root(2)).isNull();
    }
}
