package org.dlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlab.engine.run.InfluenceDiagram;
import org.dlab.engine.run.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlab diagram MODEL}: the causal-loop diagram among stocks, generated from the equations. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = {"Generate the causal-loop diagram among a model's stocks (and smoothed or delayed variables) "
                + "as Graphviz DOT, with each link's polarity from the model's own equations along its base run, "
                + "and list its feedback loops.", "Render with: dot -Tsvg FILE.dot -o FILE.svg"})
final class DiagramCommand implements Callable<Integer> {
    @Mixin ModelOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "DOT file to write (default: stdout)")
    Path output;

    @Option(names = "--samples", defaultValue = "20", paramLabel = "N", description = "states sampled along the run (1 to 1000, default 20)")
    int samples;

    @Option(names = "--max-loop-length", defaultValue = "6", paramLabel = "N", description = "longest loop listed (default 6)")
    int maxLoopLength;

    @Option(names = "--keep-sinks", description = "keep nodes that feed nothing back (cumulative outputs); dropped by default")
    boolean keepSinks;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (samples < 1 || samples > 1000) throw new UserInputException("--samples must be from 1 to 1000");
        if (maxLoopLength < 1 || maxLoopLength > 12) throw new UserInputException("--max-loop-length must be from 1 to 12");
        Model m = options.load();
        InfluenceDiagram d = InfluenceDiagram.of(m, samples);
        if (!keepSinks) d = d.withoutSinks();
        String dot = d.toDot(options.model.getFileName().toString());
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(dot);
        } else {
            Files.writeString(output, dot, StandardCharsets.UTF_8);
        }
        List<InfluenceDiagram.Loop> loops = d.loops(maxLoopLength, 10_000);
        long reinforcing = loops.stream().filter(l -> l.polarity() > 0).count();
        long balancing = loops.stream().filter(l -> l.polarity() < 0).count();
        PrintWriter report = output == null ? spec.commandLine().getErr() : out;
        report.printf("%d nodes, %d links, %d feedback loops of up to %d nodes: %d reinforcing, %d balancing, %d mixed%n",
                d.nodes().size(), d.edges().size(), loops.size(), maxLoopLength, reinforcing, balancing,
                loops.size() - reinforcing - balancing);
        if (output != null) {
            for (InfluenceDiagram.Loop l : loops) {
                if (l.nodes().size() > 1) {
                    report.printf("  %s  %s%n", l.polarity() > 0 ? "R" : l.polarity() < 0 ? "B" : "?", String.join(" -> ", l.nodes()));
                }
            }
        }
        out.flush();
        report.flush();
        return ExitCodes.OK;
    }
}
