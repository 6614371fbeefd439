package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlab.engine.model.Names;
import org.dlab.workbench.analysis.MultiObjective;
import org.dlab.workbench.optimize.PolicySearch;
import org.dlab.workbench.optimize.SearchObjective;
import org.dlab.workbench.plot.ParallelCoordinates;
import org.dlab.workbench.store.ParetoTables;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab optimize STUDY}: multi-objective search over the study's levers, in the reference
 * future or robustly over sampled futures; prints the Pareto set and the convergence, stores both
 * in a DuckDB file and draws the set as parallel coordinates. Ctrl-C stops after the current
 * generation and still stores what was found (status "stopped").
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Search the study's levers for the Pareto set of its objectives (NSGA-II, epsilon-NSGA-II or NSGA-III), in the model's own "
            + "future or robustly over --futures N sampled futures; print and store the set and its convergence (hypervolume, epsilon-progress), "
            + "and draw it as parallel coordinates."})
final class OptimizeCommand implements Callable<Integer> {
    /** Objectives the search takes from the study without --objectives; more need naming. */
    static final int MAX_DEFAULT_OBJECTIVES = 4;
    /** Members printed; the store has them all. */
    static final int MAX_PRINTED = 40;

    @Parameters(index = "0", paramLabel = "STUDY", description = "a study file, or a folder holding study.yaml")
    Path study;

    @Option(names = "--objectives", split = ",", paramLabel = "OUTCOME[:STAT]",
            description = "objectives, each a study outcome, over futures with a statistic: mean (default), pNN, satisficing[=X], snr, regret, regret-pNN "
                    + "(default: the study's minimize/maximize outcomes, if at most " + MAX_DEFAULT_OBJECTIVES + ")")
    List<String> objectives;

    @Option(names = "--constraint", paramLabel = "\"OUTCOME[:STAT] <= X\"",
            description = "a bound on an outcome or statistic, <= or >= (repeatable); the study's constraints apply too (on the mean over futures)")
    List<String> constraints = List.of();

    @Option(names = "--levers", split = ",", paramLabel = "A,B", description = "the levers to search (default: all the study's); the others stay at their baseline")
    List<String> levers;

    @Option(names = "--futures", paramLabel = "N", defaultValue = "0",
            description = "0 (default): search in the reference future (the model's own constants); N: robustly over N Latin hypercube futures (at most "
                    + PolicySearch.MAX_FUTURES + ")")
    int futures;

    @Option(names = "--algorithm", paramLabel = "nsga2|eps-nsga2|nsga3", defaultValue = "nsga2", description = "search algorithm (default nsga2)")
    String algorithm;

    @Option(names = "--evaluations", paramLabel = "N", defaultValue = "5000",
            description = "candidate policies to evaluate (default 5000, at most " + PolicySearch.MAX_EVALUATIONS + "); each is one run, or one per future")
    int evaluations;

    @Option(names = "--population", paramLabel = "N", defaultValue = "0", description = "population size (default: the algorithm's, 100)")
    int population;

    @Option(names = "--epsilons", split = ",", paramLabel = "E1,E2", description = "epsilon per objective, in its units: required by eps-nsga2; with the others, thins the final set")
    List<Double> epsilons;

    @Option(names = "--divisions", paramLabel = "N", defaultValue = "0", description = "NSGA-III reference-point divisions (default: the framework's)")
    int divisions;

    @Mixin SeedOption seedOption = new SeedOption();

    @Mixin ThreadsOption threadsOption = new ThreadsOption();

    @Mixin StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png", description = "the parallel-coordinates chart (default: the --db name with -pareto.svg)")
    Path plot;

    @Option(names = "--show", split = ",", paramLabel = "OUTCOME", description = "also print these outcomes per member (value, or mean over futures)")
    List<String> show = List.of();

    @Mixin QuietOption quietOption = new QuietOption();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private static final Pattern BOUND = Pattern.compile("(.+?)\\s*(<=|>=)\\s*([-+0-9.eE]+)\\s*");

    @Override
    public Integer call() {
        if (evaluations < 1 || evaluations > PolicySearch.MAX_EVALUATIONS) throw new UserInputException("--evaluations must be from 1 to " + PolicySearch.MAX_EVALUATIONS);
        if (futures < 0 || futures > PolicySearch.MAX_FUTURES) throw new UserInputException("--futures must be from 0 to " + PolicySearch.MAX_FUTURES);
        int t = threadsOption.count();
        MultiObjective.Algorithm alg = algorithm(algorithm);
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        ModelOptions.printWarnings(bound.model(), spec.commandLine().getErr());
        Study s = bound.study();
        boolean robust = futures > 0;
        List<SearchObjective> objs = new ArrayList<>();
        if (objectives == null || objectives.isEmpty()) {
            for (Study.Outcome o : s.outcomes()) if (o.kind() != Study.Kind.INFO) objs.add(ExploreCommand.parse(() -> SearchObjective.parse(o.name(), s.outcomes(), robust)));
            if (objs.isEmpty()) throw new UserInputException(study + " has no outcome to minimize or maximize; name objectives with --objectives");
            if (objs.size() > MAX_DEFAULT_OBJECTIVES) {
                throw new UserInputException(study + " has " + objs.size() + " outcomes to minimize or maximize; choose the objectives with --objectives A,B "
                        + "(e.g. --objectives \"" + objs.get(0).outcomeName() + "," + objs.get(objs.size() - 1).outcomeName() + "\")");
            }
        } else {
            for (String o : objectives) objs.add(ExploreCommand.parse(() -> SearchObjective.parse(o, s.outcomes(), robust)));
        }
        List<PolicySearch.Bound> bounds = new ArrayList<>();
        for (Study.Constraint c : s.constraints()) {
            SearchObjective on = ExploreCommand.parse(() -> SearchObjective.parse(c.outcome(), s.outcomes(), robust, false));
            bounds.add(new PolicySearch.Bound(on, c.min(), c.max()));
        }
        for (String c : constraints) bounds.add(bound(c, s, robust));
        List<String> searched = levers == null || levers.isEmpty() ? s.levers().stream().map(Study.Lever::name).toList() : levers;
        double[] eps = epsilons == null || epsilons.isEmpty() ? null : epsilons.stream().mapToDouble(Double::doubleValue).toArray();
        PolicySearch.Settings settings = ExploreCommand.parse(() -> new PolicySearch.Settings(objs, bounds, searched, futures, alg, evaluations,
                population, eps, divisions, seedOption.seed, t));
        PolicySearch search = ExploreCommand.parse(() -> new PolicySearch(bound, settings));
        Path store = storeOptions.orElse(Path.of(ExploreCommand.defaultName(study) + "-pareto.duckdb"));
        Path chart = plot != null ? plot : svgBeside(store);
        if (store.toFile().exists() && !storeOptions.overwrite) throw new UserInputException(store + " already exists; replace it with --overwrite or name another with --db");
        List<Integer> shown = new ArrayList<>();
        for (String name : show) {
            int i = s.outcomes().stream().map(Study.Outcome::name).toList().indexOf(name.strip());
            if (i < 0) throw new UserInputException("--show: no outcome '" + name + "' in the study");
            shown.add(i);
        }

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s over %d lever%s, %d objective%s, %s, %d evaluations (%d runs), seed %d -> %s%n", study,
                alg.name().toLowerCase(Locale.ROOT).replace('_', '-'), searched.size(), searched.size() == 1 ? "" : "s", objs.size(), objs.size() == 1 ? "" : "s",
                robust ? futures + " sampled futures" : "reference future", evaluations, (long) evaluations * Math.max(1, futures), seedOption.seed, store);
        out.flush();
        try (CleanStop stop = new CleanStop(() -> search.requestStop())) {
            long t0 = System.nanoTime();
            PolicySearch.Result r = search.run(quietOption.progress("optimize"));
            double secs = (System.nanoTime() - t0) / 1e9;
            ParetoTables.write(store, search.stored(r), storeOptions.overwrite);
            ParallelCoordinates.write(store, chart, 1000, 640);
            print(out, r, searched, s, shown, secs);
            out.printf("stored in %s (tables pareto, pareto_objectives, pareto_outcomes, convergence); chart %s%n", store, chart);
            out.flush();
            return ExitCodes.OK;
        }
    }

    static MultiObjective.Algorithm algorithm(String a) {
        switch (a.toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "nsga2": case "nsga-ii": return MultiObjective.Algorithm.NSGA2;
            case "eps-nsga2": case "epsilon-nsga2": case "e-nsga2": return MultiObjective.Algorithm.EPSILON_NSGA2;
            case "nsga3": case "nsga-iii": return MultiObjective.Algorithm.NSGA3;
            default: throw new UserInputException("--algorithm must be nsga2, eps-nsga2 or nsga3, not '" + a + "'");
        }
    }

    private static PolicySearch.Bound bound(String text, Study s, boolean robust) {
        Matcher m = BOUND.matcher(text);
        if (!m.matches()) throw new UserInputException("--constraint expects \"OUTCOME[:STAT] <= X\" or \">= X\", got '" + text + "'");
        SearchObjective on = ExploreCommand.parse(() -> SearchObjective.parse(m.group(1), s.outcomes(), robust, false));
        double v;
        try {
            v = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new UserInputException("--constraint: '" + m.group(3) + "' is not a number");
        }
        boolean upper = m.group(2).equals("<=");
        return new PolicySearch.Bound(on, upper ? Double.NaN : v, upper ? v : Double.NaN);
    }

    static Path svgBeside(Path store) {
        String name = store.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (!base.endsWith("-pareto")) base += "-pareto";
        return store.resolveSibling(base + ".svg");
    }

    private static void print(PrintWriter out, PolicySearch.Result r, List<String> searched, Study s, List<Integer> shown, double secs) {
        MultiObjective.Result m = r.search();
        out.printf(Locale.ROOT, "%s: %d evaluations in %.1f s; Pareto set of %d member%s%n", m.stopped() ? "stopped" : "done", m.evaluations(), secs,
                r.size(), r.size() == 1 ? "" : "s");
        List<Integer> leverIdx = new ArrayList<>();
        for (String l : searched) {
            for (int i = 0; i < r.leverNames().size(); i++) if (Names.key(r.leverNames().get(i)).equals(Names.key(l))) leverIdx.add(i);
        }
        for (int j = 0; j < r.objectiveLabels().size(); j++) out.printf("  F%d = %s%n", j + 1, r.objectiveLabels().get(j));
        for (int j = 0; j < shown.size(); j++) out.printf("  O%d = %s%n", j + 1, r.outcomeNames().get(shown.get(j)));
        for (int j = 0; j < leverIdx.size(); j++) out.printf("  L%d = %s%n", j + 1, r.leverNames().get(leverIdx.get(j)));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%6s", "member"));
        for (int j = 0; j < r.objectiveLabels().size(); j++) h.append(String.format(Locale.ROOT, " %10s", "F" + (j + 1)));
        for (int j = 0; j < shown.size(); j++) h.append(String.format(Locale.ROOT, " %10s", "O" + (j + 1)));
        for (int j = 0; j < leverIdx.size(); j++) h.append(String.format(Locale.ROOT, " %7s", "L" + (j + 1)));
        out.println(h);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble(i -> r.objectives()[i][0]));
        int printed = 0;
        for (int i : order) {
            if (printed++ == MAX_PRINTED) {
                out.printf("  ... %d more members in the store%n", r.size() - MAX_PRINTED);
                break;
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%6d", i));
            for (double v : r.objectives()[i]) b.append(String.format(Locale.ROOT, " %10.4g", v));
            for (int o : shown) b.append(String.format(Locale.ROOT, " %10.4g", r.outcomes()[i][o]));
            for (int l : leverIdx) b.append(String.format(Locale.ROOT, " %7.3f", r.levers()[i][l]));
            out.println(b);
        }
        MultiObjective.Convergence c = m.convergence();
        out.println("convergence (hypervolume normalized to the ideal and reference points in the store's provenance):");
        out.printf("  %11s %11s %11s%n", "evaluations", "hypervolume", "eps-progress");
        for (int i = 0; i < c.evaluations().length; i++) {
            out.printf(Locale.ROOT, "  %11d %11.4f %11d%n", c.evaluations()[i], c.hypervolume()[i], c.epsilonProgress()[i]);
        }
    }
}
