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

/**
 * {@code dlab export DB --format parquet|csv -o DIR}: every table of a results store as files;
 * {@code --format ema -o FILE.tar.gz}: the archive EMA Workbench's load_results reads.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every table of a results store (experiments, outcomes, series, provenance, ...) as Parquet or CSV files, ordered by run; "
                + "or, with --format ema, one .tar.gz archive that EMA Workbench's load_results reads (experiments and scalar outcomes).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DB", description = "a results store made by dlab explore")
    Path db;

    @Option(names = "--format", paramLabel = "parquet|csv|ema", defaultValue = "parquet", description = "file format (default parquet); ema writes one FILE.tar.gz")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output folder (created if missing), or the .tar.gz file for --format ema")
    Path dir;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ("ema".equalsIgnoreCase(format)) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!name.endsWith(".tar.gz")) throw new UserInputException("--format ema writes one archive: -o must name a FILE.tar.gz, got '" + dir + "'");
            if (java.nio.file.Files.isDirectory(dir)) throw new UserInputException("cannot write " + dir + ": it is a folder");
            org.dlab.workbench.store.EmaExporter.write(db, dir);
            spec.commandLine().getOut().println(dir);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        Exporter.Format f = ExploreCommand.parse(() -> Exporter.format(format));
        List<Path> files = Exporter.export(db, f, dir);
        PrintWriter out = spec.commandLine().getOut();
        for (Path p : files) out.println(p);
        out.flush();
        return ExitCodes.OK;
    }
}
