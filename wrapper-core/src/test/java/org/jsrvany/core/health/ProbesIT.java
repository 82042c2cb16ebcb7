package org.jsrvany.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.Check;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Each probe against something real: a socket answering a given HTTP status, a command, a file. */
@EnabledOnOs(OS.LINUX)
class ProbesIT {
    @TempDir
    Path dir;

    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private Probes probes() {
        return new Probes(dir, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "MARK", "m1"),
                OutputWatch.none());
    }

    /** A one-thread HTTP server answering every request with {@code status}. */
    private int answering(int status) throws IOException {
        ServerSocket socket = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        server = socket;
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int matched = 0;
                    int b;
                    while (matched < 4 && (b = in.read()) >= 0) {
                        matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.0 " + status + " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "probes-it-http");
        t.setDaemon(true);
        t.start();
        return socket.getLocalPort();
    }

    @Test
    void httpPassesOnlyOn2xx() throws IOException {
        int port = answering(204);
        assertThat(probes().probeNow(new Check.Http(URI.create("http://127.0.0.1:" + port + "/")), Duration.ofSeconds(5)))
                .isEqualTo(ProbeResult.pass("HTTP 204"));
        server.close();
        int failing = answering(503);
        assertThat(probes().probeNow(new Check.Http(URI.create("http://127.0.0.1:" + failing + "/")), Duration.ofSeconds(5)))
                .isEqualTo(ProbeResult.fail("HTTP 503"));
    }

    @Test
    void tcpPassesWhenAConnectionOpens() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        int port = server.getLocalPort();
        assertThat(probes().probeNow(new Check.Tcp("127.0.0.1", port), Duration.ofSeconds(2)).passed()).isTrue();
        server.close();
        ProbeResult closed = probes().probeNow(new Check.Tcp("127.0.0.1", port), Duration.ofSeconds(2));
        assertThat(closed.passed()).isFalse();
        assertThat(closed.seen()).containsIgnoringCase("refused");
    }

    private static String fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of(FixtureCommand.javaExecutable().toString(), "-cp",
                FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return WindowsCommandLine.joinArguments(args);
    }

    @Test
    void aCommandRunsInTheDirectoryWithTheEnvironmentAndItsExitCodeDecides() throws IOException {
        Path dump = dir.resolve("dump.properties");
        assertThat(probes().probeNow(new Check.Command(fixture("--dump", "dump.properties")), Duration.ofSeconds(30)))
                .isEqualTo(ProbeResult.pass("exit code 0"));
        String text = Files.readString(dump);
        assertThat(text).contains("env.MARK=m1").contains("cwd=" + dir.toString().replace(":", "\\:"));
        assertThat(probes().probeNow(new Check.Command(fixture("--exit-code", "4")), Duration.ofSeconds(30)))
                .isEqualTo(ProbeResult.fail("exit code 4"));
    }

    @Test
    void aCommandThatHangsIsKilledAndFails() {
        Path pids = dir.resolve("hang-pids");
        ProbeResult r = probes().probeNow(new Check.Command(fixture("--sleep-forever", "--pids-file", pids.toString())),
                Duration.ofSeconds(3));
        assertThat(r).isEqualTo(ProbeResult.fail("the command did not end within 3000 ms (killed)"));
        // Nothing started by that command line is left (the path is unique to this test's folder).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().map(c -> c.contains(pids.toString())).orElse(false)));
    }

    @Test
    void aCommandThatCannotStartFailsSayingWhy() {
        ProbeResult r = probes().probeNow(new Check.Command("/no/such/program --x"), Duration.ofSeconds(3));
        assertThat(r.passed()).isFalse();
        assertThat(r.seen()).startsWith("the command could not be started: ");
    }

    @Test
    void aFileCheckSaysWhetherItExists() throws IOException {
        Path f = dir.resolve("flag");
        assertThat(probes().probeNow(new Check.FileExists(f), Duration.ofSeconds(1)))
                .isEqualTo(ProbeResult.fail(f + " does not exist"));
        Files.writeString(f, "");
        assertThat(probes().probeNow(new Check.FileExists(f), Duration.ofSeconds(1))).isEqualTo(ProbeResult.pass(f + " exists"));
    }
}
