package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.study.Study.Kind;
import org.moeaframework.algorithm.AbstractEvolutionaryAlgorithm;
import org.moeaframework.algorithm.EpsilonNSGAII;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.algorithm.NSGAIII;
import org.moeaframework.core.Epsilons;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.constraint.LessThanOrEqual;
import org.moeaframework.core.objective.Maximize;
import org.moeaframework.core.objective.Minimize;
import org.moeaframework.core.population.EpsilonBoxDominanceArchive;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.core.variable.RealVariable;
import org.moeaframework.problem.AbstractProblem;
import org.moeaframework.util.weights.NormalBoundaryDivisions;

/**
 * Multi-objective search over levers, a thin wrapper over the MOEA Framework 5.0: NSGA-II (Deb
 * et al. 2002, IEEE TEC 6(2)), ε-NSGA-II (Kollat and Reed 2006, Adv. Water Resour. 29(6)) and
 * NSGA-III (Deb and Jain 2014, IEEE TEC 18(4)). The problem is a plain Java function from lever
 * values to objective values (each minimized or maximized) and constraint values (feasible when
 * {@code <= 0}). Robust search over futures is the same call with a function that runs the policy
 * in each future and returns robustness metrics ({@link Robustness}) as objectives.
 *
 * <p>Convergence: after every generation the current Pareto approximation is recorded; at the
 * end, for up to {@link #CHECKPOINTS} evenly spaced generations and the last, the hypervolume (Zitzler and Thiele 1999, IEEE TEC 3(4)) of each recorded front is
 * computed in objective space normalized to [ideal, reference] (minimized orientation), with the
 * ideal and reference points given in the options or, if not, taken from the union of recorded
 * fronts. So a run's curve is on one fixed scale.
 *
 * <p>Reproducibility: the MOEA Framework draws from one global generator ({@link PRNG}), so runs
 * are serialized on a lock and the generator is seeded at the start of each.
 */
public final class MultiObjective {
    private MultiObjective() {}

    private static final Object PRNG_LOCK = new Object();
    /** Generations at which the hypervolume is measured, at most. */
    static final int CHECKPOINTS = 30;

    public enum Algorithm { NSGA2, EPSILON_NSGA2, NSGA3 }

    /** The model: fills objectives (and constraints, {@code <= 0} when met) for the given levers. */
    @FunctionalInterface
    public interface Model {
        void evaluate(double[] levers, double[] objectives, double[] constraints);
    }

    /** A search problem; {@code kinds} gives each objective's direction (INFO is not allowed). */
    public record Problem(List<String> levers, double[] lower, double[] upper, List<String> objectives, List<Kind> kinds, int constraints,
            Model model) {
        public Problem {
            levers = List.copyOf(levers);
            objectives = List.copyOf(objectives);
            kinds = List.copyOf(kinds);
            lower = lower.clone();
            upper = upper.clone();
            if (lower.length != levers.size() || upper.length != levers.size()) throw new IllegalArgumentException("one bound per lever");
            if (kinds.size() != objectives.size()) throw new IllegalArgumentException("one kind per objective");
            if (kinds.contains(Kind.INFO)) throw new IllegalArgumentException("objectives are minimized or maximized, not INFO");
            for (int i = 0; i < lower.length; i++) {
                if (!(lower[i] < upper[i])) throw new IllegalArgumentException("lever " + levers.get(i) + " needs lower < upper");
            }
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    /**
     * @param populationSize for NSGA-II and ε-NSGA-II (NSGA-III sizes its population from {@code divisions})
     * @param epsilons ε per objective: required for ε-NSGA-II; for the others, if given, the final set is
     *     thinned by ε-box dominance (Laumanns et al. 2002, Evol. Comput. 10(3))
     * @param divisions NSGA-III reference-point divisions, 0 for the framework's default
     * @param ideal, reference hypervolume normalization in the objectives' own units; null to derive
     */
    public record Options(Algorithm algorithm, int evaluations, int populationSize, double[] epsilons, int divisions, long seed,
            double[] ideal, double[] reference) {
        public Options {
            epsilons = epsilons == null ? null : epsilons.clone();
            ideal = ideal == null ? null : ideal.clone();
            reference = reference == null ? null : reference.clone();
            if (algorithm == Algorithm.EPSILON_NSGA2 && epsilons == null) throw new IllegalArgumentException("ε-NSGA-II needs epsilons");
            if (evaluations < 1) throw new IllegalArgumentException("evaluations must be positive");
        }

        @Override
        public double[] epsilons() {
            return epsilons == null ? null : epsilons.clone();
        }

        @Override
        public double[] ideal() {
            return ideal == null ? null : ideal.clone();
        }

        @Override
        public double[] reference() {
            return reference == null ? null : reference.clone();
        }
    }

    /** A member of the Pareto set: lever values and their objectives (in their own direction) and constraints. */
    public record Member(double[] levers, double[] objectives, double[] constraints) {
        public Member {
            levers = levers.clone();
            objectives = objectives.clone();
            constraints = constraints.clone();
        }

        @Override
        public double[] levers() {
            return levers.clone();
        }

        @Override
        public double[] objectives() {
            return objectives.clone();
        }

        @Override
        public double[] constraints() {
            return constraints.clone();
        }
    }

    /**
     * Hypervolume and ε-progress at checkpoints, against the number of evaluations spent.
     * ε-progress (Hadka and Reed 2013, Evol. Comput. 21(2), the Borg MOEA) counts the times a
     * solution entered an ε-box no earlier solution held or dominated: when it stops rising, the
     * search has stopped finding anything new at the resolution the user cares about.
     */
    public record Convergence(int[] evaluations, double[] hypervolume, int[] epsilonProgress) {
        public Convergence {
            evaluations = evaluations.clone();
            hypervolume = hypervolume.clone();
            epsilonProgress = epsilonProgress.clone();
        }

        public Convergence(int[] evaluations, double[] hypervolume) {
            this(evaluations, hypervolume, new int[evaluations.length]);
        }

        @Override
        public int[] epsilonProgress() {
            return epsilonProgress.clone();
        }

        @Override
        public int[] evaluations() {
            return evaluations.clone();
        }

        @Override
        public double[] hypervolume() {
            return hypervolume.clone();
        }

        public double last() {
            return hypervolume.length == 0 ? 0 : hypervolume[hypervolume.length - 1];
        }
    }

    /**
     * @param ideal, reference the hypervolume normalization used, in minimized orientation (a
     *     maximized objective's values negated)
     */
    public record Result(List<Member> pareto, Convergence convergence, int evaluations, double[] ideal, double[] reference, boolean stopped) {
        public Result {
            pareto = List.copyOf(pareto);
            ideal = ideal.clone();
            reference = reference.clone();
        }

        @Override
        public double[] ideal() {
            return ideal.clone();
        }

        @Override
        public double[] reference() {
            return reference.clone();
        }
    }

    /** Watches a search: called after every generation; returning false stops it there (a Ctrl-C), keeping what it found. */
    @FunctionalInterface
    public interface Monitor {
        boolean generation(int evaluations, int budget);

        Monitor NONE = (e, b) -> true;
    }

    /** Runs the search. Cost: the evaluations, plus the algorithm's O(M P²) sorting per generation. */
    public static Result optimize(Problem problem, Options options) {
        return optimize(problem, options, Monitor.NONE);
    }

    /** Runs the search, reporting each generation to {@code monitor}, which may stop it early. */
    public static Result optimize(Problem problem, Options options, Monitor monitor) {
        synchronized (PRNG_LOCK) {
            PRNG.setSeed(options.seed());
            Adapter adapter = new Adapter(problem);
            AbstractEvolutionaryAlgorithm algorithm = create(adapter, options);
            List<Integer> evals = new ArrayList<>();
            List<double[][]> fronts = new ArrayList<>();
            boolean stopped = false;
            while (algorithm.getNumberOfEvaluations() < options.evaluations()) {
                algorithm.step();
                evals.add(algorithm.getNumberOfEvaluations());
                fronts.add(canonical(algorithm.getResult()));
                if (!monitor.generation(algorithm.getNumberOfEvaluations(), options.evaluations())
                        && algorithm.getNumberOfEvaluations() < options.evaluations()) {
                    stopped = true;
                    break;
                }
            }
            NondominatedPopulation result = algorithm.getResult();
            if (options.epsilons() != null && options.algorithm() != Algorithm.EPSILON_NSGA2) {
                result = new EpsilonBoxDominanceArchive(new Epsilons(options.epsilons()), result);
            }
            List<Member> pareto = new ArrayList<>();
            for (Solution s : result) {
                if (s.violatesConstraints()) continue;
                pareto.add(new Member(RealVariable.getReal(s), s.getObjectiveValues(), s.getConstraintValues()));
            }
            double[][] bounds = bounds(problem, options, fronts);
            // the indicator costs far more than a generation on cheap models: measure at most
            // CHECKPOINTS generations, evenly spaced, and always the last
            int g = fronts.size();
            int points = Math.min(g, CHECKPOINTS);
            double[] hv = new double[points];
            int[] ev = new int[points];
            int[] gens = new int[points];
            for (int c = 0; c < points; c++) {
                int gen = points == g ? c : (int) Math.round((g - 1) * (c + 1) / (double) points);
                gens[c] = gen;
                hv[c] = HypervolumeIndicator.of(problem.objectives().size(), fronts.get(gen), bounds[0], bounds[1]);
                ev[c] = evals.get(gen);
            }
            int[] progress = epsilonProgress(fronts, gens, bounds, options.epsilons());
            return new Result(pareto, new Convergence(ev, hv, progress), algorithm.getNumberOfEvaluations(), bounds[0], bounds[1], stopped);
        }
    }

    /**
     * ε-progress at the given generations: the recorded fronts replayed, in order, into one ε-box
     * archive in the normalized objective space, with the user's ε scaled by each objective's
     * [ideal, reference] range, or 1% of it when none were given.
     */
    private static int[] epsilonProgress(List<double[][]> fronts, int[] gens, double[][] bounds, double[] epsilons) {
        int m = bounds[0].length;
        double[] eps = new double[m];
        for (int i = 0; i < m; i++) {
            double range = bounds[1][i] - bounds[0][i];
            eps[i] = epsilons == null ? 0.01 : Math.max(1e-12, epsilons[Math.min(i, epsilons.length - 1)] / range);
        }
        EpsilonBoxDominanceArchive archive = new EpsilonBoxDominanceArchive(new Epsilons(eps));
        int[] out = new int[gens.length];
        int c = 0;
        for (int g = 0; g < fronts.size() && c < gens.length; g++) {
            for (double[] v : fronts.get(g)) {
                Solution s = new Solution(0, m);
                double[] u = new double[m];
                for (int i = 0; i < m; i++) u[i] = (v[i] - bounds[0][i]) / (bounds[1][i] - bounds[0][i]);
                s.setObjectiveValues(u);
                archive.add(s);
            }
            while (c < gens.length && gens[c] == g) out[c++] = archive.getNumberOfImprovements();
        }
        return out;
    }

    private static AbstractEvolutionaryAlgorithm create(Adapter p, Options o) {
        switch (o.algorithm()) {
            case NSGA2: {
                NSGAII a = new NSGAII(p);
                if (o.populationSize() > 0) a.setInitialPopulationSize(o.populationSize());
                return a;
            }
            case EPSILON_NSGA2: {
                EpsilonNSGAII a = new EpsilonNSGAII(p);
                if (o.populationSize() > 0) a.setInitialPopulationSize(o.populationSize());
                a.setArchive(new EpsilonBoxDominanceArchive(new Epsilons(o.epsilons())));
                return a;
            }
            default:
                return o.divisions() > 0 ? new NSGAIII(p, new NormalBoundaryDivisions(o.divisions())) : new NSGAIII(p);
        }
    }

    /** Feasible members' objectives in minimized orientation. */
    private static double[][] canonical(NondominatedPopulation pop) {
        List<double[]> out = new ArrayList<>();
        for (Solution s : pop) if (!s.violatesConstraints()) out.add(s.getCanonicalObjectiveValues());
        return out.toArray(new double[0][]);
    }

    /** [ideal, reference] in minimized orientation. */
    private static double[][] bounds(Problem problem, Options options, List<double[][]> fronts) {
        int m = problem.objectives().size();
        double[] ideal = new double[m];
        double[] ref = new double[m];
        java.util.Arrays.fill(ideal, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(ref, Double.NEGATIVE_INFINITY);
        for (double[][] f : fronts) {
            for (double[] v : f) {
                for (int i = 0; i < m; i++) {
                    ideal[i] = Math.min(ideal[i], v[i]);
                    ref[i] = Math.max(ref[i], v[i]);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            boolean max = problem.kinds().get(i) == Kind.MAXIMIZE;
            // user values are in the objective's own direction; a maximized one is negated, so its ends swap
            if (options.ideal() != null) ideal[i] = max ? -options.ideal()[i] : options.ideal()[i];
            if (options.reference() != null) ref[i] = max ? -options.reference()[i] : options.reference()[i];
            if (!(ref[i] > ideal[i])) ref[i] = ideal[i] + 1; // a degenerate objective must not divide by zero
        }
        return new double[][] {ideal, ref};
    }

    /** The problem seen by the MOEA Framework: real variables within the lever bounds. */
    private static final class Adapter extends AbstractProblem {
        private final Problem problem;

        Adapter(Problem problem) {
            super(problem.levers().size(), problem.objectives().size(), problem.constraints());
            this.problem = problem;
        }

        @Override
        public String getName() {
            return "dlab";
        }

        @Override
        public void evaluate(Solution solution) {
            double[] levers = RealVariable.getReal(solution);
            double[] obj = new double[numberOfObjectives];
            double[] con = new double[numberOfConstraints];
            problem.model().evaluate(levers, obj, con);
            solution.setObjectiveValues(obj);
            if (numberOfConstraints > 0) solution.setConstraintValues(con);
        }

        @Override
        public Solution newSolution() {
            Solution s = new Solution(numberOfVariables, numberOfObjectives, numberOfConstraints);
            double[] lo = problem.lower();
            double[] hi = problem.upper();
            for (int i = 0; i < numberOfVariables; i++) s.setVariable(i, new RealVariable(problem.levers().get(i), lo[i], hi[i]));
            for (int i = 0; i < numberOfObjectives; i++) {
                String name = problem.objectives().get(i);
                s.setObjective(i, problem.kinds().get(i) == Kind.MAXIMIZE ? Maximize.value(name) : Minimize.value(name));
            }
            for (int i = 0; i < numberOfConstraints; i++) s.setConstraint(i, LessThanOrEqual.to("c" + i, 0.0));
            return s;
        }
    }
}
