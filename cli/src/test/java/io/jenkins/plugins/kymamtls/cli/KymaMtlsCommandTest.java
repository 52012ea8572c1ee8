package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: its help and what it says about a command it does not know. */
class KymaMtlsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The top-level command with every command built in full, as picocli would build it by itself. */
    private static CommandLine full() {
        CommandLine full = new CommandLine(new KymaMtlsCommand());
        KymaMtlsCommand.SUBCOMMANDS.forEach(full::addSubcommand);
        full.setCaseInsensitiveEnumValuesAllowed(true);
        return full;
    }

    @Test
    void theHelpListsEveryCommandAsTheFullModelWould() {
        assertEquals(0, run("--help"));
        assertEquals(full().getUsageMessage(), out.toString());
        for (Class<?> command : KymaMtlsCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertTrue(out.toString().contains("\n  " + name + " "), name + " missing from:\n" + out);
        }
    }

    @Test
    void anUnknownCommandIsOneLinePointingToTheHelp() {
        assertEquals(KymaMtlsCommand.BAD_INPUT, run("cert", "--domain", "x"));
        assertEquals("kyma-mtls: Unmatched arguments from index 0: 'cert', '--domain', 'x' (see: kyma-mtls --help)\n",
                err.toString());
    }

    @Test
    void aNamedCommandIsBuiltInFull() {
        assertEquals(0, run("plan", "--help"));
        assertTrue(out.toString().contains("--namespace"), out::toString);
    }
}
