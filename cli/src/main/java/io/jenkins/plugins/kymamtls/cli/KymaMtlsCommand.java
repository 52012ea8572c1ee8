package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kyma-mtls}: the engines of the Jenkins steps, for containers and for trying things out.
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure; {@code status} adds 3
 * for a certificate that ends soon.
 */
@Command(name = "kyma-mtls", mixinStandardHelpOptions = true, versionProvider = KymaMtlsCommand.Version.class,
        description = "mTLS from a Kyma cluster through the Istio egress gateway to a workload in another cluster.")
public final class KymaMtlsCommand {

    /** The commands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(CertsCommand.class, PlanCommand.class, ExposeCommand.class,
            EgressCommand.class, LockCommand.class, UpCommand.class, CleanupCommand.class, DownCommand.class,
            StatusCommand.class, RbacCommand.class,
            BenchCommand.class);

    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new KymaMtlsCommand());
        // Picocli reflects over every option of every command it is given, most of a short run's
        // time: a run that names its command gets that one in full, --version none, and help and
        // anything else (to list them, or to say what is unknown) each one by its name and
        // description only.
        String named = args.length > 0 ? args[0] : "";
        boolean known = SUBCOMMANDS.stream().anyMatch(command -> name(command).equals(named));
        boolean version = args.length == 1 && (named.equals("--version") || named.equals("-V"));
        for (Class<?> command : SUBCOMMANDS) {
            if (known && name(command).equals(named)) {
                commandLine.addSubcommand(command);
            } else if (!known && !version) {
                commandLine.addSubcommand(listed(command));
            }
        }
        // --parts expose,egress is as good as EXPOSE,EGRESS.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            err.println(failed.getCommandName() + ": " + exception.getMessage().replace('\n', ' ')
                    + " (see: " + failed.getCommandSpec().qualifiedName() + " --help)");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, failedCommand, parseResult) -> {
            String name = failedCommand.getCommandName();
            if (exception instanceof InvalidInputException invalid) {
                err.println(name + ": " + asOption(invalid));
                return BAD_INPUT;
            }
            // Engine messages name resources and files, never secrets; stack traces add nothing for users.
            err.println(name + ": failed: " + exception.getMessage());
            return FAILURE;
        });
        return commandLine.execute(args);
    }

    /** A command as the top-level help lists it, from its annotation, without its options. */
    private static CommandLine listed(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(annotation.name())
                .aliases(annotation.aliases());
        spec.usageMessage().header(annotation.header()).description(annotation.description())
                .hidden(annotation.hidden());
        return new CommandLine(spec);
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Engine fields are camelCase parameter names; on the command line they are options. */
    static String asOption(InvalidInputException invalid) {
        String field = invalid.field();
        String option = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return option + invalid.getMessage().substring(field.length());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KymaMtlsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kyma-mtls " + (version == null ? "development build" : version)};
        }
    }
}
