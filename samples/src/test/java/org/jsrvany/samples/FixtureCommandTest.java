package org.jsrvany.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureCommandTest {

    @Test
    void commandRunsTheFixtureMainWithTheGivenArguments() {
        List<String> command = FixtureCommand.command("--lines", "2", "a b");
        assertThat(command).hasSize(7);
        assertThat(command.get(0)).isEqualTo(FixtureCommand.javaExecutable().toString());
        assertThat(command.subList(1, 3)).containsExactly("-cp", FixtureCommand.classpath());
        assertThat(command.subList(3, 7)).containsExactly("org.jsrvany.samples.Fixture", "--lines", "2", "a b");
    }

    @Test
    void javaExecutableIsTheRunningRuntimesLauncher() {
        Path java = FixtureCommand.javaExecutable();
        assertThat(java).isAbsolute().isRegularFile();
        assertThat(Files.isExecutable(java)).isTrue();
        assertThat(java.getFileName().toString()).matches("java(\\.exe)?");
    }

    @Test
    void classpathNamesTheFixtureClassesAndJnaNotSurefiresManifestJar() {
        List<String> entries = Arrays.asList(FixtureCommand.classpath().split(File.pathSeparator));
        assertThat(entries).allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute().exists());
        List<String> names = entries.stream().map(entry -> Path.of(entry).getFileName().toString()).toList();
        assertThat(names).anySatisfy(name -> assertThat(name).matches("jna-\\d.*\\.jar"));
        assertThat(names).anySatisfy(name -> assertThat(name).matches("jna-platform-.*\\.jar"));
        assertThat(entries).noneSatisfy(entry -> assertThat(entry).contains("surefire"));
        assertThat(entries).doesNotHaveDuplicates();
    }
}
