package org.dlab.workbench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.study.Study.Op;
import org.junit.jupiter.api.Test;

class StudyParserTest {
    private static final Path DIR = TestModels.resource("sir.mdl").getParent();
    private static final Path FILE = DIR.resolve("study.yaml");

    private static Study parse(String text) {
        return StudyParser.parse(FILE, text);
    }

    private static BoundStudy bind(String text) {
        return BoundStudy.bind(parse(text));
    }

    /** {@code file:line:col} of the first {@code token} on 1-based line {@code line} of {@code text}. */
    private static String at(String text, int line, String token) {
        String l = text.split("\n", -1)[line - 1];
        int col = l.indexOf(token);
        if (col < 0) throw new IllegalArgumentException(token + " not on line " + line);
        return FILE + ":" + line + ":" + (col + 1) + ": ";
    }

    private static final String OUTCOME = "outcomes:\n  - {name: Peak, variable: Infected, reduce: max, kind: minimize}\n";

    /** The error's position, as the user sees it. */
    private static String where(Throwable t) {
        return ((ModelException) t).describe();
    }

    @Test
    void parsesTheSampleStudy() {
        Study s = StudyParser.parse(TestModels.resource("sir-study.yaml"));
        assertThat(s.model()).isEqualTo(DIR.resolve("sir.mdl"));
        assertThat(s.uncertainties()).hasSize(5);
        assertThat(s.uncertainties().get(1).dist()).isEqualTo(new Distribution.Triangular(0.02, 0.05, 0.1));
        assertThat(s.uncertainties().get(3).dist()).isEqualTo(new Distribution.Categorical(java.util.List.of(1.5, 2.0, 3.0)));
        assertThat(s.levers().get(0).unit()).isEqualTo("1/Day");
        assertThat(s.policies()).extracting(Study.Policy::name).containsExactly("none", "vaccinate");
        assertThat(s.outcomes().get(1).reduce()).isEqualTo(new Study.Reduction(Op.AT, 20.5));
        assertThat(s.outcomes().get(2).reduce()).isEqualTo(new Study.Reduction(Op.FIRST_ABOVE, 100));
        assertThat(s.outcomes().get(0).threshold()).isEqualTo(300);
        assertThat(s.outcomes().get(4).kind()).isEqualTo(Study.Kind.INFO);
        assertThat(s.constraints().get(0).max()).isEqualTo(500);
        assertThat(s.time().end()).isEqualTo(40.0);
        BoundStudy b = BoundStudy.bind(s);
        assertThat(b.finalTime()).isEqualTo(40.0);
        assertThat(b.startTime()).isEqualTo(0.0);
    }

    @Test
    void unknownKeyIsAnErrorAtItsPosition() {
        String text = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: uniform, low: 0, hihg: 1}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ModelException.class)
                .satisfies(t -> assertThat(where(t)).startsWith(at(text, 3, "hihg") + "unknown key 'hihg' in an uncertainty"));
    }

    @Test
    void wrongTypeIsAnErrorAtTheValue() {
        String text = "model: sir.mdl\nuncertainties:\n  - name: Infectivity\n    dist: uniform\n    low: zero\n    high: 1\n" + OUTCOME;
        assertThatThrownBy(() -> parse(text))
                .satisfies(t -> assertThat(where(t)).isEqualTo(at(text, 5, "zero") + "low must be a number, got the text 'zero'"));
    }

    @Test
    void topLevelTypoAndMissingModel() {
        assertThatThrownBy(() -> parse("modle: sir.mdl\n" + OUTCOME))
                .satisfies(t -> assertThat(where(t)).startsWith(FILE + ":1:1: unknown key 'modle' in the study"));
        assertThatThrownBy(() -> parse(OUTCOME)).satisfies(t -> assertThat(where(t)).contains("the study needs 'model'"));
        assertThatThrownBy(() -> bind("model: nothere.mdl\n" + OUTCOME))
                .satisfies(t -> assertThat(where(t)).startsWith(FILE + ":1:8: no such model file"));
    }

    @Test
    void unknownVariableIsAnErrorAtItsName() {
        String text = "model: sir.mdl\nuncertainties:\n  - {name: \"Contact Rat\", dist: uniform, low: 0, high: 1}\n" + OUTCOME;
        assertThatThrownBy(() -> bind(text))
                .satisfies(t -> assertThat(where(t)).isEqualTo(at(text, 3, "\"Contact") + "no constant 'Contact Rat' in sir.mdl; did you mean 'Contact Rate'?"));
        String out = "model: sir.mdl\noutcomes:\n  - {name: Peak, variable: Infectd, reduce: max}\n";
        assertThatThrownBy(() -> bind(out)).satisfies(t -> assertThat(where(t)).startsWith(at(out, 3, "Infectd") + "no variable 'Infectd'"));
    }

    @Test
    void namesThatCannotBeInputs() {
        String computed = "model: sir.mdl\nlevers:\n  - {name: Infection, low: 0, high: 1, baseline: 0}\n" + OUTCOME;
        assertThatThrownBy(() -> bind(computed)).satisfies(t -> assertThat(where(t)).startsWith(at(computed, 3, "Infection") + "'Infection' is computed every step"));
        String arrayed = "model: sir.mdl\noutcomes:\n  - {name: B, variable: Burden, reduce: max}\n";
        assertThatThrownBy(() -> bind(arrayed)).satisfies(t -> assertThat(where(t)).isEqualTo(at(arrayed, 3, "Burden") + "'Burden' is subscripted; name one element, e.g. 'Burden[North]'"));
        String lookup = "model: sir.mdl\nuncertainties:\n  - {name: Hospital Effect, dist: uniform, low: 0.5, high: 2, scale: y}\n" + OUTCOME;
        assertThatThrownBy(() -> bind(lookup)).satisfies(t -> assertThat(where(t)).startsWith(at(lookup, 3, "y}") + "'Hospital Effect' is a lookup")
                .contains("does not support yet"));
    }

    @Test
    void distributionParametersAreChecked() {
        String extra = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: uniform, low: 0, high: 1, mode: 0.5}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(extra)).satisfies(t -> assertThat(where(t)).startsWith(at(extra, 3, "mode") + "'mode' does not apply to a uniform distribution"));
        String order = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: triangular, low: 0, mode: 2, high: 1}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(order)).satisfies(t -> assertThat(where(t)).startsWith(at(order, 3, "1}") + "high (1) is below mode (2)"));
        String dist = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: beta, low: 0, high: 1}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(dist)).satisfies(t -> assertThat(where(t)).startsWith(at(dist, 3, "beta") + "unknown dist 'beta'"));
        String integer = "model: sir.mdl\nuncertainties:\n  - {name: Infectivity, dist: integer, low: 0.5, high: 3}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(integer)).satisfies(t -> assertThat(where(t)).startsWith(at(integer, 3, "0.5") + "low must be a whole number"));
    }

    @Test
    void policiesOutcomesAndConstraintsAreChecked() {
        String notLever = "model: sir.mdl\nlevers:\n  - {name: Vaccination Rate, low: 0, high: 1, baseline: 0}\npolicies:\n  p1: {Contact Rate: 1}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(notLever)).satisfies(t -> assertThat(where(t)).startsWith(at(notLever, 5, "Contact") + "policy 'p1' sets 'Contact Rate', which is not a lever"));
        String range = "model: sir.mdl\nlevers:\n  - {name: Vaccination Rate, low: 0, high: 1, baseline: 0}\npolicies:\n  p1: {Vaccination Rate: 2}\n" + OUTCOME;
        assertThatThrownBy(() -> parse(range)).satisfies(t -> assertThat(where(t)).startsWith(at(range, 5, "Vaccination") + "policy 'p1' sets 'Vaccination Rate' to 2, outside"));
        String reduce = "model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, reduce: {when: 3}}\n";
        assertThatThrownBy(() -> parse(reduce)).satisfies(t -> assertThat(where(t)).startsWith(at(reduce, 3, "when") + "unknown key 'when' in reduce"));
        String kind = "model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, kind: minimise}\n";
        assertThatThrownBy(() -> parse(kind)).satisfies(t -> assertThat(where(t)).startsWith(at(kind, 3, "minimise") + "kind must be minimize, maximize or info"));
        String at = "model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, reduce: {at: 2035}}\n";
        assertThatThrownBy(() -> bind(at)).satisfies(t -> assertThat(where(t)).isEqualTo(at(at, 3, "{at") + "time 2035 is outside the run (0 to 60)"));
        String constraint = OUTCOME.replace("outcomes", "model: sir.mdl\noutcomes") + "constraints:\n  - {outcome: Peek, max: 3}\n";
        assertThatThrownBy(() -> parse(constraint)).satisfies(t -> assertThat(where(t)).startsWith(at(constraint, 5, "Peek") + "no outcome named 'Peek'"));
        assertThatThrownBy(() -> parse("model: sir.mdl\noutcomes: []\n")).satisfies(t -> assertThat(where(t)).contains("at least one outcome"));
    }

    /** Every reduction the study file documents (docs/study-file.md) parses, case-insensitively; others name the choices. */
    @Test
    void reductionWordsAndTheirErrors() {
        String[][] cases = {{"final", "final"}, {"MIN", "min"}, {"max", "max"}, {"Mean", "mean"}, {"integral", "integral"},
            {"{at: 2035}", "at 2035"}, {"{first_above: 0.5}", "first above 0.5"}, {"{first_below: 2}", "first below 2"}};
        for (String[] c : cases) {
            Study st = parse("model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, reduce: " + c[0] + "}\n");
            assertThat(st.outcomes().get(0).reduce().describe()).as(c[0]).isEqualTo(c[1]);
        }
        String word = "model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, reduce: median}\n";
        assertThatThrownBy(() -> parse(word)).satisfies(t -> assertThat(where(t)).isEqualTo(at(word, 3, "median")
                + "reduce must be final, min, max, mean, integral, {at: YEAR}, {first_above: X} or {first_below: X}; got the text 'median'"));
        String key = "model: sir.mdl\noutcomes:\n  - {name: P, variable: Infected, reduce: {when: 3}}\n";
        assertThatThrownBy(() -> parse(key)).satisfies(t -> assertThat(where(t)).isEqualTo(at(key, 3, "when")
                + "unknown key 'when' in reduce (expected at, first_above or first_below)"));
    }

    @Test
    void yamlSyntaxAndDuplicateKeys() {
        assertThatThrownBy(() -> parse("model: sir.mdl\noutcomes: [\n")).satisfies(t -> assertThat(where(t)).startsWith(FILE + ":").contains("not valid YAML"));
        assertThatThrownBy(() -> parse("model: sir.mdl\nmodel: other.mdl\n" + OUTCOME)).satisfies(t -> assertThat(where(t)).isEqualTo(FILE + ":2:1: duplicate key 'model'"));
        assertThatThrownBy(() -> parse("- a\n- b\n")).satisfies(t -> assertThat(where(t)).isEqualTo(FILE + ":1:1: the study must be a mapping, got a list"));
    }

    @Test
    void anArrayedConstantWithoutSubscriptSetsEveryElement() {
        String text = "model: sir.mdl\nuncertainties:\n  - {name: Severity, dist: uniform, low: 1, high: 2}\n" + OUTCOME;
        BoundStudy b = bind(text);
        org.dlab.engine.run.Run run = b.model().newRun();
        b.apply(run, new double[] {1.75}, new double[0]);
        var r = run.simulate();
        assertThat(r.series("Severity[North]")[0]).isEqualTo(1.75);
        assertThat(r.series("Severity[South]")[0]).isEqualTo(1.75);
    }

    @Test
    void presentationKeysAreOptionalAndChecked() {
        assertThat(parse("model: sir.mdl\n" + OUTCOME).presentation()).isEqualTo(Study.Presentation.NONE);
        String text = "model: sir.mdl\ntitle: SIR\nquestion: Does it help?\nreference: none\n"
                + "levers:\n  - {name: Contact Rate, low: 0, high: 10, baseline: 5}\npolicies:\n  none: {}\n  act: {Contact Rate: 1}\n"
                + "outcomes:\n  - {name: Peak, variable: Infected, reduce: max, kind: minimize, headline: true, unit: people}\n"
                + "  - {name: End, variable: Infected, kind: minimize, headline: false}\n";
        Study.Presentation p = parse(text).presentation();
        assertThat(p.title()).isEqualTo("SIR");
        assertThat(p.question()).isEqualTo("Does it help?");
        assertThat(p.reference()).isEqualTo("none");
        assertThat(p.headline()).containsExactly("Peak");
        assertThat(p.units()).containsEntry("Peak", "people").doesNotContainKey("End");
        String wrongRef = text.replace("reference: none", "reference: nobody");
        assertThatThrownBy(() -> parse(wrongRef)).satisfies(t -> assertThat(where(t)).startsWith(at(wrongRef, 4, "nobody") + "reference 'nobody' is not one of the study's policies (none, act)"));
        String notBool = text.replace("headline: true", "headline: yes please");
        assertThatThrownBy(() -> parse(notBool)).satisfies(t -> assertThat(where(t)).contains("headline must be true or false"));
    }

    /** A YAML syntax error points where SnakeYAML saw it (1-based), with its reason and the construct left open. */
    @Test
    void yamlSyntaxErrorsNameTheLineAndTheReason() {
        String text = "model: sir.mdl\noutcomes:\n  - {name: Peak, variable: Infected\n  - {name: End}\n";
        assertThatThrownBy(() -> parse(text)).satisfies(t -> assertThat(where(t)).isEqualTo(FILE
                + ":4:5: not valid YAML: expected ',' or '}', but got { (while parsing a flow mapping that starts at line 3, column 5)"));
        String tab = "model: sir.mdl\noutcomes:\n\t- {name: Peak}\n";
        assertThatThrownBy(() -> parse(tab)).satisfies(t -> assertThat(where(t)).startsWith(FILE + ":3:1: not valid YAML: "));
    }
}
