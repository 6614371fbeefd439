package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.analysis.MultiObjective.Options;
import org.dlab.workbench.analysis.MultiObjective.Problem;
import org.dlab.workbench.study.Study.Kind;
import org.moeaframework.algorithm.AbstractEvolutionaryAlgorithm;
import org.moeaframework.algorithm.EpsilonNSGAII;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.algorithm.NSGAIII;
import org.moeaframework.core.Epsilons;
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
 * The seam to the MOEA Framework 5.0: a {@link Problem} seen as its problem (real variables within
 * the lever bounds), the algorithm the options name, and a population read back as plain arrays.
 */
final class MoeaAdapter extends AbstractProblem {
    private final Problem problem;

    MoeaAdapter(Problem problem) {
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

    /** The algorithm {@code o} names, over this problem. */
    AbstractEvolutionaryAlgorithm algorithm(Options o) {
        switch (o.algorithm()) {
            case NSGA2: {
                NSGAII a = new NSGAII(this);
                if (o.populationSize() > 0) a.setInitialPopulationSize(o.populationSize());
                return a;
            }
            case EPSILON_NSGA2: {
                EpsilonNSGAII a = new EpsilonNSGAII(this);
                if (o.populationSize() > 0) a.setInitialPopulationSize(o.populationSize());
                a.setArchive(new EpsilonBoxDominanceArchive(new Epsilons(o.epsilons())));
                return a;
            }
            default:
                return o.divisions() > 0 ? new NSGAIII(this, new NormalBoundaryDivisions(o.divisions())) : new NSGAIII(this);
        }
    }

    /** Feasible members' objectives in minimized orientation. */
    static double[][] canonical(NondominatedPopulation pop) {
        List<double[]> out = new ArrayList<>();
        for (Solution s : pop) if (!s.violatesConstraints()) out.add(s.getCanonicalObjectiveValues());
        return out.toArray(new double[0][]);
    }
}
