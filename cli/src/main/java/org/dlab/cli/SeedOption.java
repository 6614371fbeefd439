package org.dlab.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}, shared by the commands that sample futures or designs. What the seed drives differs
 * per command, so each one's help text is in OptionHelp.properties ({@code dlab.COMMAND.seed}).
 */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default 1)")
    long seed;
}
