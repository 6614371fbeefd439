package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlab.workbench.store.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab export DB --format parquet|csv -o DIR}: every table of a results store as files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every table of a results store (experiments, outcomes, series, provenance, ...) as Parquet or CSV files, ordered by run.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DB", description = "a results store made by dlab explore")
    Path db;

    @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet", description = "file format (default parquet)")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output folder (created if missing)")
    Path dir;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Exporter.Format f = ExploreCommand.parse(() -> Exporter.format(format));
        List<Path> files = Exporter.export(db, f, dir);
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : files) out.println(p);
        out.flush();
        return ExitCodes.OK;
    }
}
