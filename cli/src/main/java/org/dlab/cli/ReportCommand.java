package org.dlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dlab.workbench.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab report DB -o report.html}: one self-contained HTML file from a results store. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML report of a results store (works offline): fan charts of the outcome variables "
            + "over time per policy (stores made with --series), outcome distributions per policy, the policy comparison table, "
            + "robustness per policy across futures (regret, satisficing, percentiles, signal-to-noise), the discoveries saved by "
            + "dlab discover, and the study's assumptions."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DB", description = "a results store made by dlab explore")
    Path db;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "report.html", description = "the HTML file (default report.html)")
    Path output;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Report.write(db, output);
        spec.commandLine().getOut().println(output);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
