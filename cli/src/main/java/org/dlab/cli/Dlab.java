package org.dlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dlab} command: one subcommand per job. Exit codes: 0 ok, 2 bad input, 1 internal fault (and compare-run's runs differ). */
@Command(name = "dlab", mixinStandardHelpOptions = true, versionProvider = Dlab.Version.class, resourceBundle = "org.dlab.cli.OptionHelp",
        description = "Deterrence Lab: run system-dynamics models and explore their futures.",
        subcommands = {RunCommand.class, CheckCommand.class, ConvertCommand.class, BenchCommand.class, DiagramCommand.class,
            ExploreCommand.class, ImportCommand.class, CompareCommand.class, CompareRunCommand.class, SensitivityCommand.class, DiscoverCommand.class,
            OptimizeCommand.class, CalibrateCommand.class, ExportCommand.class,
            ReportCommand.class, PlotCommand.class, ServeCommand.class, PublishCommand.class, CommandLine.HelpCommand.class})
public final class Dlab implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Models read data files only in their own folder or below unless the user allows more. */
    @CommandLine.Option(names = "--allow-files", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "let models read data files in DIR too (default: only the model's own folder and below)")
    void allowFiles(java.util.List<java.nio.file.Path> dirs) {
        for (java.nio.file.Path d : dirs) {
            try {
                org.dlab.engine.data.FileAccess.allow(d);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--allow-files: " + e.getMessage());
            }
        }
    }

    public static void main(String[] args) {
        // Apache POI logs through Log4j; without a provider it warns on stderr at every start
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call execute() on it with their own out/err. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Dlab());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            // one line like every other error; the hint names the (sub)command as typed
            PrintWriter err = ex.getCommandLine().getErr();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                // picocli's near matches among the subcommands or options of the command as typed
                hint = "; did you mean '" + u.getSuggestions().get(0) + "'?";
            }
            err.println("dlab: " + String.valueOf(ex.getMessage()).strip().replaceAll("\\R+", "; ") + hint + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    /** The version the build wrote into the workbench, the same one the stores record as dlab_version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dlab " + org.dlab.workbench.Versions.dlab()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
