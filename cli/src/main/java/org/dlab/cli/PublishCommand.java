package org.dlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.engine.LoadWarning;
import org.dlab.server.publish.SitePublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab publish}: the simulator as a folder of static files, with the model running in the page. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish the simulator of a study or model as a static site (index.html, the model as JavaScript, uPlot): "
                + "any static web server can host it; no server runs the model.")
final class PublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY_OR_MODEL", description = "study (.yaml) or model (.mdl, .xmile)")
    Path target;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SITE", description = "folder to write (empty, new, or an earlier site)")
    Path out;

    @Option(names = "--lever", paramLabel = "NAME[=LOW:HIGH]", description = "a model constant to get a slider (plain models; repeatable)")
    List<String> levers = List.of();

    @Option(names = "--chart", paramLabel = "VARIABLE", description = "a variable to chart (repeatable; default: the study's outcomes, else the stocks)")
    List<String> charts = List.of();

    @Option(names = "--data", paramLabel = "FILE", description = "time series for the model's data variables (tab or CSV with a Time column, or Vensim .dat; repeatable), baked into the site")
    List<Path> data = List.of();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(target)) throw new UserInputException(target + ": no such study or model file");
        if (levers.size() > 200) throw new UserInputException("--lever: at most 200 levers");
        if (charts.size() > 20) throw new UserInputException("--chart: at most 20 charts");
        for (Path d : data) if (!Files.isRegularFile(d)) throw new UserInputException("--data " + d + ": no such file");
        SitePublisher.Site site;
        try {
            site = SitePublisher.publish(target, levers, charts, data, out);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        // as every command that loads a model: its load warnings on standard error, one line each
        var err = spec.commandLine().getErr();
        for (LoadWarning w : site.warnings()) err.println("warning: " + w);
        err.flush();
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "dlab publish: %s: %d files, %.1f kB (%d bytes); open %s with any static web server%n",
                site.folder(), site.files(), site.bytes() / 1024.0, site.bytes(), site.folder().resolve("index.html"));
        o.flush();
        return ExitCodes.OK;
    }
}
