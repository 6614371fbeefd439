package org.dlab.engine.vensim;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.Planner;

/**
 * Feeds generated text to the Vensim parser and, where it parses, to analysis and planning:
 * random characters and bytes, mutations of the shared suite's real models, and grammar-made
 * models with tokens deleted and inserted, over 100,000 inputs in all. The property: only a
 * {@link ModelException} escapes (no other exception, no StackOverflowError), and its
 * {@code describe()} is one line {@code fuzz.mdl:line:col: message} inside the input.
 */
class ParserFuzzTest {
    private static final String FILE = "fuzz.mdl";
    /** No such folder: a data file named by an input is never found, so no input reads files. */
    private static final Path DIR = Path.of("target", "fuzz-no-such-dir");
    private static final Pattern ONE_LINE = Pattern.compile("fuzz\\.mdl:(\\d+):(\\d+): [^\\n\\r]+");
    private static final AtomicLong FED = new AtomicLong();
    private static final AtomicLong PARSED = new AtomicLong();
    private static final AtomicLong PLANNED = new AtomicLong();
    private static List<String> corpus;
    /**
     * Inputs per try: 1 in the default build; the -Pfuzz profile sets 10, so each property feeds
     * its own input and 9 more generated from it (over 1,000,000 in all), with the tries below unchanged.
     */
    static final int REPEAT = Math.max(1, Integer.getInteger("dlab.fuzz.repeat", 1));

    /** Feeds {@code first}, then REPEAT - 1 inputs made by {@code more} from a generator seeded by it. */
    static void feedRepeated(String first, java.util.function.Function<java.util.Random, String> more) {
        feed(first);
        if (REPEAT == 1) return;
        java.util.Random r = new java.util.Random(first.hashCode() * 31L + FED.get());
        for (int k = 1; k < REPEAT; k++) feed(more.apply(r));
    }

    private static synchronized List<String> corpus() {
        if (corpus == null) corpus = FuzzInputs.corpus();
        return corpus;
    }

    /** The property itself: parse, analyse, plan; a ModelException is the only allowed way out. */
    static void feed(String text) {
        FED.incrementAndGet();
        try {
            ModelSource src = VensimParser.parse(FILE, text, DIR);
            PARSED.incrementAndGet();
            Planner.plan(ModelLoader.analyze(src));
            PLANNED.incrementAndGet();
        } catch (ModelException e) {
            checkReport(e, text);
        } catch (Throwable t) { // StackOverflowError and the like included: all are failures here
            throw new AssertionError("uncaught " + t + " for input:\n" + excerpt(text), t);
        }
    }

    private static void checkReport(ModelException e, String text) {
        String d = e.describe();
        Matcher m = ONE_LINE.matcher(d);
        if (!m.matches()) throw new AssertionError("not one line 'fuzz.mdl:line:col: message': " + excerpt(d) + "\ninput:\n" + excerpt(text));
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        if (Long.parseLong(m.group(1)) > lines) throw new AssertionError("line beyond the input: " + d + "\ninput:\n" + excerpt(text));
    }

    private static String excerpt(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }

    // ---- random characters and bytes ----

    @Property(tries = 40_000, shrinking = ShrinkingMode.BOUNDED)
    void randomText(@ForAll("noise") String text) {
        feedRepeated(text, r -> FuzzInputs.mutate(text, r));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("()[]{}~|:=+-*/^<>!,;\"'\\ \n\t_.$#aAxyzINTEG019eE").ofMaxLength(300),
                Arbitraries.strings().withChars("()[]{}~|:=+-,;\"'\\ \nax1").ofMinLength(1).ofMaxLength(60)
                        .map(s -> FuzzInputs.CONTROL + "x = " + s + " ~~|\n"));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        FED.incrementAndGet();
        String text;
        try {
            text = VensimParser.decode(FILE, bytes);
        } catch (ModelException e) {
            checkReport(e, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
            return;
        }
        feedRepeated(text, r -> {
            byte[] b = bytes.clone();
            for (int k = 0; k < 1 + b.length / 20; k++) if (b.length > 0) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        });
    }

    // ---- the shared suite's models, mutated ----

    @Property(tries = 8_000)
    void mutatedRealModels(@ForAll("mutated") String text) {
        List<String> models = corpus();
        feedRepeated(text, r -> FuzzInputs.mutate(models.isEmpty() ? FuzzInputs.grammarModel(r) : models.get(r.nextInt(models.size())), r));
    }

    @Provide
    Arbitrary<String> mutated() {
        List<String> models = corpus();
        if (models.isEmpty()) {
            // no shared folder: mutate grammar-made models instead, with a notice
            System.out.println("ParserFuzzTest: sd-test-models not found (dlab.shared); mutating generated models instead");
            return Arbitraries.randomValue(r -> FuzzInputs.mutate(FuzzInputs.grammarModel(r), r));
        }
        return Arbitraries.randomValue(r -> FuzzInputs.mutate(models.get(r.nextInt(models.size())), r));
    }

    // ---- grammar-made models with tokens deleted and inserted ----

    @Property(tries = 50_000)
    void grammarModels(@ForAll("grammar") String text) {
        feedRepeated(text, FuzzInputs::grammarModel);
    }

    @Provide
    Arbitrary<String> grammar() {
        return Arbitraries.randomValue(FuzzInputs::grammarModel);
    }

    // ---- deep nesting: the parser must refuse it, not overflow its stack ----

    private static final int DEEP = 100_000;

    @Example
    void deepParentheses() {
        feed(FuzzInputs.CONTROL + "x = " + "(".repeat(DEEP) + "1" + ")".repeat(DEEP) + " ~~|\n");
        feed(FuzzInputs.CONTROL + "x = " + "(".repeat(DEEP) + " ~~|\n");
    }

    @Example
    void deepUnaryOperators() {
        feed(FuzzInputs.CONTROL + "x = " + "-".repeat(DEEP) + "1 ~~|\n");
        feed(FuzzInputs.CONTROL + "x = " + ":NOT: ".repeat(DEEP) + "1 ~~|\n");
    }

    @Example
    void deepCalls() {
        feed(FuzzInputs.CONTROL + "x = " + "ABS(".repeat(DEEP) + "1" + ")".repeat(DEEP) + " ~~|\n");
        feed(FuzzInputs.CONTROL + "x = " + "SMOOTH(".repeat(DEEP / 10) + "1" + ", 1)".repeat(DEEP / 10) + " ~~|\n");
    }

    @Example
    void longOperatorChains() {
        feed(FuzzInputs.CONTROL + "x = 1" + " + 1".repeat(DEEP) + " ~~|\n");
        feed(FuzzInputs.CONTROL + "x = 2" + " ^ 1".repeat(DEEP) + " ~~|\n");
        feed(FuzzInputs.CONTROL + "x = 1" + " :AND: 1".repeat(DEEP) + " ~~|\n");
    }

    @Example
    void longChainOfVariables() {
        StringBuilder b = new StringBuilder(FuzzInputs.CONTROL);
        b.append("d = DELAY N(1, 1, 0, v0) ~~|\n");
        for (int k = 0; k < DEEP / 5; k++) b.append("v").append(k).append(" = v").append(k + 1).append(" ~~|\n");
        b.append("v").append(DEEP / 5).append(" = 2 ~~|\n");
        feed(b.toString());
    }

    @AfterContainer
    static void report() {
        // how deep the inputs got: a fuzz that never gets past the lexer tests little else
        System.out.println("ParserFuzzTest: " + FED.get() + " inputs fed to the parser, " + PARSED.get()
                + " parsed, " + PLANNED.get() + " analysed and planned, in "
                + java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000_000 + " s of CPU");
    }
}
