package org.dlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --db FILE} and {@code --overwrite}, shared by the commands that write a DuckDB file. Each
 * command's default file differs, so its help text is in OptionHelp.properties ({@code dlab.COMMAND.db}).
 */
final class StoreOptions {
    @Option(names = "--db", paramLabel = "FILE", description = "the DuckDB file to write")
    Path db;

    @Option(names = "--overwrite", description = "replace an existing store")
    boolean overwrite;

    /** The file given with {@code --db}, else {@code fallback}. */
    Path orElse(Path fallback) {
        return db != null ? db : fallback;
    }
}
