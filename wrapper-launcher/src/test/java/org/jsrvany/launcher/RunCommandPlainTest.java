package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code run} without picocli ({@link RunCommand#plain}) takes exactly the plain command lines and reads
 * them as picocli does; everything else is left to picocli (help, errors, {@code @file}s).
 */
class RunCommandPlainTest {

    /** Arguments separated by '|'. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "run|--config|svc.properties",
            "run|--config=svc.properties",
            "run|--config|dir with space/svc.properties|--name|My Service",
            "run|--name=web|--log|wrapper.log|--config|c.properties",
            "run|--log=w.log|--config=c.properties|--name=x=y",
    })
    void aPlainRunIsReadAsPicocliReadsIt(String line) {
        String[] args = line.split("\\|");
        Optional<RunCommand> plain = RunCommand.plain(args);
        assertThat(plain).isPresent();
        CommandLine.ParseResult parsed = new CommandLine(new LauncherMain()).parseArgs(args);
        RunCommand byPicocli = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(plain.get().config).isEqualTo(byPicocli.config);
        assertThat(plain.get().name).isEqualTo(byPicocli.name);
        assertThat(plain.get().log).isEqualTo(byPicocli.log);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "run",
            "run|--config",
            "run|--help|--config|c.properties",
            "run|--config|c.properties|--help",
            "run|--config|a.properties|--config|b.properties",
            "run|--config|c.properties|--verbose|x",
            "run|--config|-c.properties",
            "run|--config|c.properties|extra",
            "run|--log|w.log|--name|x",
            "run|@args.txt|x",
            "run|--config|@c.properties",
            "run|--config=|c.properties",
            "run|--config|bad\u0000path",
            "--config|c.properties|run",
            "version|--config|c.properties",
    })
    void anythingElseIsLeftToPicocli(String line) {
        assertThat(RunCommand.plain(line.split("\\|"))).isEmpty();
    }
}
