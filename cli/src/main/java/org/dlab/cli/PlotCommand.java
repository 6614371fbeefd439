package org.dlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlab.workbench.plot.Plotter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab plot DB -o FILE.svg|FILE.png --kind fan|distribution ...}: one chart of a results store for a paper. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Write one chart of a results store as SVG or PNG (by the file's extension): a fan chart of a series variable "
            + "over time per policy (median, 25-75%% and 5-95%% of futures; stores made with --series), or the distribution of an "
            + "outcome per policy."})
final class PlotCommand implements Callable<Integer> {
    enum Kind { fan, distribution }

    @Parameters(index = "0", paramLabel = "DB", description = "a results store made by dlab explore")
    Path db;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "the chart, FILE.svg or FILE.png")
    Path output;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "fan", description = "fan or distribution (default fan)")
    Kind kind;

    @Option(names = "--variable", paramLabel = "NAME", description = "the series variable of a fan chart")
    String variable;

    @Option(names = "--outcome", paramLabel = "NAME", description = "the outcome of a distribution")
    String outcome;

    @Option(names = "--policies", paramLabel = "A,B", split = ",", description = "the policies to draw (default all)")
    List<String> policies = new ArrayList<>();

    @Option(names = "--width", paramLabel = "PX", defaultValue = "800", description = "width in pixels, " + Plotter.MIN_SIZE + "-" + Plotter.MAX_SIZE + " (default 800)")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "500", description = "height in pixels, " + Plotter.MIN_SIZE + "-" + Plotter.MAX_SIZE + " (default 500)")
    int height;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // bounded so a typo cannot ask Java2D for gigabytes of pixels
        if (width < Plotter.MIN_SIZE || width > Plotter.MAX_SIZE || height < Plotter.MIN_SIZE || height > Plotter.MAX_SIZE) {
            throw new UserInputException("--width and --height must be between " + Plotter.MIN_SIZE + " and " + Plotter.MAX_SIZE);
        }
        String name;
        if (kind == Kind.fan) {
            if (variable == null) throw new UserInputException("a fan chart needs --variable NAME (a series variable)");
            if (outcome != null) throw new UserInputException("--outcome is for --kind distribution; a fan chart takes --variable");
            name = variable;
        } else {
            if (outcome == null) throw new UserInputException("a distribution needs --outcome NAME");
            if (variable != null) throw new UserInputException("--variable is for --kind fan; a distribution takes --outcome");
            name = outcome;
        }
        Plotter.write(db, output, new Plotter.Spec(kind == Kind.fan ? Plotter.Kind.FAN : Plotter.Kind.DISTRIBUTION, name, policies, width, height));
        spec.commandLine().getOut().println(output);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
