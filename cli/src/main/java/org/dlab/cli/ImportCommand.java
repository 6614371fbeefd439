package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.workbench.store.ParquetImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab import DIR}: the Parquet output of {@code dlab explore --spark} into a results store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load the Parquet output of 'dlab explore --spark' (or of spark-submit with dlab-spark.jar) into a DuckDB results store, "
            + "the same store 'dlab explore' writes, so that report, discover, plot, export and serve read cluster results.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the job's output folder (holding outcomes/, provenance.json and study/)")
    Path dir;

    @Mixin StoreOptions storeOptions = new StoreOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path store = storeOptions.orElse(Path.of(defaultName(dir) + ".duckdb"));
        ParquetImport.Result r = ParquetImport.load(dir, store, storeOptions.overwrite);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "imported %d runs (%d ok, %d failed)%s -> %s%n", r.runs(), r.ok(), r.failed(),
                r.seriesRows() > 0 ? String.format(Locale.ROOT, " and %d series rows", r.seriesRows()) : "", store);
        out.flush();
        return ExitCodes.OK;
    }

    static String defaultName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String n = name == null ? "results" : name.toString();
        return n.endsWith("-spark") && n.length() > 6 ? n.substring(0, n.length() - 6) : n;
    }
}
