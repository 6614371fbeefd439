package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.compare.PolicyComparison;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.store.Provenance;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab compare STUDY --policies A,B}: policies side by side over the same sampled futures. */
@Command(name = "compare", mixinStandardHelpOptions = true, modelTransformer = SamplerHelp.Futures.class,
        description = {"Run policies over the same sampled futures and print, per outcome, a side-by-side table: mean, median, 5th and 95th "
            + "percentiles, P(beyond the outcome's threshold), the share of futures where each policy beats each other, and mean regret "
            + "against the best policy of each future."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY", description = "a study file, or a folder holding study.yaml")
    Path study;

    @Option(names = "--policies", split = ",", paramLabel = "A,B,...", required = true, description = "the policies to compare")
    List<String> policies;

    @Option(names = "-n", paramLabel = "N", defaultValue = "1000", description = "futures (default 1000), each run under every policy")
    long n;

    // label and help are generated from SamplerKind.FUTURES (SamplerHelp)
    @Option(names = "--sampler", paramLabel = "SAMPLER", defaultValue = "lhs", description = "how futures are sampled")
    String sampler;

    @Mixin SeedOption seedOption = new SeedOption();

    @Mixin ThreadsOption threadsOption = new ThreadsOption();

    @Mixin QuietOption quietOption = new QuietOption();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SamplerKind kind = ExploreCommand.parse(() -> SamplerKind.parse(sampler));
        if (!SamplerKind.FUTURES.contains(kind)) {
            throw new UserInputException("compare samples futures with " + SamplerKind.prose(SamplerKind.FUTURES) + "; " + sampler + " is a sensitivity design (use dlab explore)");
        }
        if (n < 1) throw new UserInputException("-n must be at least 1");
        int t = threadsOption.count();
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        ModelOptions.printWarnings(bound.model(), spec.commandLine().getErr());
        Progress p = quietOption.progress("compare");
        Comparison c = ExploreCommand.parse(() -> PolicyComparison.run(bound, policies, kind, n, seedOption.seed, t, p, null, null));
        PrintWriter out = spec.commandLine().getOut();
        out.print(c.table());
        // a pasted comparison still names the exact files it came from
        Map<String, String> prov = Provenance.builder().sources(bound).map();
        out.printf("study_sha256 %s (%s)%nmodel_sha256 %s (%s)%n", prov.get("study_sha256"), bound.study().file(), prov.get("model_sha256"), bound.study().model());
        out.flush();
        return ExitCodes.OK;
    }
}
