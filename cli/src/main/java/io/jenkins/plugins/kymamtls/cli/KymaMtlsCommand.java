package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kyma-mtls}: the engines of the Jenkins steps, for containers and for trying things out.
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure; {@code status} adds 3
 * for a certificate that ends soon.
 */
@Command(name = "kyma-mtls", mixinStandardHelpOptions = true, versionProvider = KymaMtlsCommand.Version.class,
        description = "mTLS from a Kyma cluster through the Istio egress gateway to a workload in another cluster.",
        subcommands = {CertsCommand.class, PlanCommand.class, ExposeCommand.class, EgressCommand.class,
            LockCommand.class, CleanupCommand.class, StatusCommand.class, RbacCommand.class, BenchCommand.class})
public final class KymaMtlsCommand {

    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new KymaMtlsCommand());
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
